"""The portal's pages, one include per process (app_name "portal")."""

from django.urls import include, path

from quanze.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("", include("quanze.portal.lists.urls")),
    path("", include("quanze.portal.items.urls")),
    path("", include("quanze.portal.lookup.urls")),
    path("", include("quanze.portal.search.urls")),
    path("", include("quanze.portal.requests.urls")),
    path("", include("quanze.portal.opendata.urls")),
]

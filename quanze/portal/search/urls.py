from django.urls import path

from quanze.portal.search import views

urlpatterns = [
    path("search/", views.search, name="search"),
]

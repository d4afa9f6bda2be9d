from django.urls import path

from quanze.portal.lookup import views

urlpatterns = [
    path("lookup/", views.lookup, name="lookup"),
]

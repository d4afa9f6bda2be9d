from django.urls import path

from quanze.dispatch.measures import views

urlpatterns = [
    path("measures/", views.measures, name="measures"),
]

from django.urls import path

from quanze.portal.requests import views

urlpatterns = [
    path("requests/new/", views.request_new, name="request_new"),
    path("requests/track/", views.request_track, name="request_track"),
    path("requests/<str:number>/", views.request_status, name="request_status"),
]

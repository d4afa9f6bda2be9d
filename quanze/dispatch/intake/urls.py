from django.urls import path

from quanze.dispatch.intake import place_views, views

urlpatterns = [
    path("new/", views.event_create, name="event_create"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("places/", place_views.places, name="places"),
]

from django.urls import path

from quanze.dispatch import dashboard, views

app_name = "dispatch"
urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("new/", views.event_create, name="event_create"),
    path("hotline/", views.hotline, name="hotline"),
    path("measures/", dashboard.measures, name="measures"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/act/<str:action>/", views.event_act, name="event_act"),
]

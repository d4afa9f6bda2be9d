"""Routes of consultation rounds (mounted by the app's urls.py)."""

from django.urls import path

from quanze.delegation.consultation import views

urlpatterns = [
    path("projects/<int:pk>/rounds/new/", views.round_create, name="round_create"),
    path("projects/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/close/", views.round_close, name="round_close"),
    path("rounds/<int:pk>/changes/", views.round_changes, name="round_changes"),
    path("rounds/<int:pk>/answer/", views.round_answer, name="round_answer"),
    path("recipients/<int:pk>/", views.recipient_detail, name="recipient_detail"),
    path("recipients/<int:pk>/dispose/", views.disposition_bulk, name="disposition_bulk"),
    path("recipients/<int:pk>/remind/", views.reminder_send, name="reminder_send"),
    path(
        "answers/<str:kind>/<int:pk>/dispose/",
        views.disposition_save,
        name="disposition_save",
    ),
]

"""Routes of publication jobs (mounted by the app's urls.py)."""

from django.urls import path

from quanze.delegation.publication import views

urlpatterns = [
    path("decisions/<int:pk>/publish/", views.decision_publish, name="decision_publish"),
    path(
        "publications/<int:pk>/",
        views.publication_detail,
        name="publication_detail",
    ),
    path(
        "publications/<int:pk>/progress/",
        views.publication_progress,
        name="publication_progress",
    ),
    path(
        "publications/<int:pk>/fail/",
        views.publication_fail,
        name="publication_fail",
    ),
]

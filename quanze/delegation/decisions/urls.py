"""Routes of the approval stage (mounted by the app's urls.py)."""

from django.urls import path

from quanze.delegation.decisions import views

urlpatterns = [
    path("batches/<int:pk>/submit/", views.batch_submit, name="batch_submit"),
    path("batches/<int:pk>/decision/", views.decision_create, name="decision_create"),
    path("decisions/", views.decision_list, name="decision_list"),
]

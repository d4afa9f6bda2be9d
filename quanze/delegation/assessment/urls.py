"""Routes of the assessment (mounted by the app's urls.py)."""

from django.urls import path

from quanze.delegation.assessment import views

urlpatterns = [
    path("projects/<int:pk>/items/", views.assessment_list, name="assessment_list"),
    path("projects/<int:pk>/items/bulk/", views.assessment_bulk, name="assessment_bulk"),
    path("projects/<int:pk>/matrix/", views.assessment_matrix, name="assessment_matrix"),
    path("projects/<int:pk>/rule/", views.rule_edit, name="rule_edit"),
    path("projects/<int:pk>/criteria/", views.criterion_create, name="criterion_create"),
    path("items/<int:pk>/edit/", views.assessment_edit, name="assessment_edit"),
]

"""Routes of projects, assessment, consultation and legality review (part A)."""

from django.urls import path

from quanze.delegation import project_views, review_views, round_views

urlpatterns = [
    path("", project_views.project_list, name="project_list"),
    path("projects/new/", project_views.project_create, name="project_create"),
    path("projects/<int:pk>/", project_views.project_detail, name="project_detail"),
    path("projects/<int:pk>/stage/", project_views.project_advance, name="project_advance"),
    path("projects/<int:pk>/items/", project_views.assessment_list, name="assessment_list"),
    path("projects/<int:pk>/matrix/", project_views.assessment_matrix, name="assessment_matrix"),
    path("projects/<int:pk>/rule/", project_views.rule_edit, name="rule_edit"),
    path("projects/<int:pk>/criteria/", project_views.criterion_create, name="criterion_create"),
    path("projects/<int:pk>/rounds/new/", round_views.round_create, name="round_create"),
    path("projects/<int:pk>/meetings/new/", round_views.meeting_create, name="meeting_create"),
    path("projects/<int:pk>/batches/new/", review_views.batch_create, name="batch_create"),
    path("items/<int:pk>/edit/", project_views.assessment_edit, name="assessment_edit"),
    path("rounds/<int:pk>/", round_views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/close/", round_views.round_close, name="round_close"),
    path("rounds/<int:pk>/changes/", round_views.round_changes, name="round_changes"),
    path("rounds/<int:pk>/answer/", round_views.round_answer, name="round_answer"),
    path("recipients/<int:pk>/", round_views.recipient_detail, name="recipient_detail"),
    path("recipients/<int:pk>/remind/", round_views.reminder_send, name="reminder_send"),
    path(
        "answers/<str:kind>/<int:pk>/dispose/",
        round_views.disposition_save,
        name="disposition_save",
    ),
    path("batches/<int:pk>/", review_views.batch_detail, name="batch_detail"),
    path("batches/<int:pk>/send/", review_views.batch_send, name="batch_send"),
    path("batches/<int:pk>/complete/", review_views.batch_complete, name="batch_complete"),
    path("batch-items/<int:pk>/review/", review_views.review_edit, name="review_edit"),
]

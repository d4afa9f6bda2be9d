"""Routes of the approval, claim and timeline pages (included by urls.py)."""

from django.urls import path

from quanze.delegation import claim_views, decision_views, publication_views, timeline_views

urlpatterns = [
    path("batches/<int:pk>/submit/", decision_views.batch_submit, name="batch_submit"),
    path("batches/<int:pk>/decision/", decision_views.decision_create, name="decision_create"),
    path("decisions/", decision_views.decision_list, name="decision_list"),
    path("decisions/<int:pk>/", decision_views.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/publish/", decision_views.decision_publish, name="decision_publish"),
    path(
        "publications/<int:pk>/",
        publication_views.publication_detail,
        name="publication_detail",
    ),
    path(
        "publications/<int:pk>/progress/",
        publication_views.publication_progress,
        name="publication_progress",
    ),
    path(
        "publications/<int:pk>/fail/",
        publication_views.publication_fail,
        name="publication_fail",
    ),
    path(
        "decisions/<int:pk>/agreements/",
        decision_views.agreements_generate,
        name="agreements_generate",
    ),
    path(
        "agreements/<int:pk>/download/",
        decision_views.agreement_download,
        name="agreement_download",
    ),
    path("agreement-templates/", decision_views.template_list, name="template_list"),
    path(
        "agreement-templates/<int:pk>/download/",
        decision_views.template_download,
        name="template_download",
    ),
    path(
        "agreement-templates/<int:pk>/replace/",
        decision_views.template_replace,
        name="template_replace",
    ),
    path("claims/", claim_views.window_list, name="claim_window_list"),
    path("claims/new/", claim_views.window_create, name="claim_window_create"),
    path("claims/<int:pk>/", claim_views.window_detail, name="claim_window_detail"),
    path("claims/<int:pk>/close/", claim_views.window_close, name="claim_window_close"),
    path(
        "claims/<int:pk>/deadline/",
        claim_views.deadline_extend_view,
        name="claim_deadline_extend",
    ),
    path("claims/<int:pk>/stats/", claim_views.claim_stats, name="claim_stats"),
    path("claims/<int:pk>/townships/<int:township>/", claim_views.claim_sheet, name="claim_sheet"),
    path(
        "claims/<int:pk>/townships/<int:township>/review/",
        claim_views.claim_review,
        name="claim_review",
    ),
    path("powers/<int:power>/townships/<int:township>/", timeline_views.timeline, name="timeline"),
]

"""Routes of claims (mounted by the app's urls.py)."""

from django.urls import path

from quanze.delegation.claims import views

urlpatterns = [
    path("claims/", views.window_list, name="claim_window_list"),
    path("claims/new/", views.window_create, name="claim_window_create"),
    path("claims/<int:pk>/", views.window_detail, name="claim_window_detail"),
    path("claims/<int:pk>/close/", views.window_close, name="claim_window_close"),
    path(
        "claims/<int:pk>/deadline/",
        views.deadline_extend_view,
        name="claim_deadline_extend",
    ),
    path("claims/<int:pk>/stats/", views.claim_stats, name="claim_stats"),
    path("claims/<int:pk>/townships/<int:township>/", views.claim_sheet, name="claim_sheet"),
    path(
        "claims/<int:pk>/townships/<int:township>/review/",
        views.claim_review,
        name="claim_review",
    ),
]

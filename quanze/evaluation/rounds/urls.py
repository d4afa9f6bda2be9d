from django.urls import path

from quanze.evaluation.rounds import views

urlpatterns = [
    path("rounds/", views.round_list, name="round_list"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/edit/", views.round_edit, name="round_edit"),
    path("rounds/<int:pk>/open/", views.round_open, name="round_open"),
    path("rounds/<int:pk>/compute/", views.round_compute, name="round_compute"),
    path("rounds/<int:pk>/close/", views.round_close, name="round_close"),
    path("rounds/<int:pk>/adjustment/", views.round_adjustment_open, name="round_adjustment"),
    path("rounds/<int:pk>/report/", views.round_report, name="round_report"),
    path("rounds/<int:pk>/report.xlsx", views.round_report_xlsx, name="round_report_xlsx"),
    path("rounds/<int:pk>/assessment/", views.assessment_form, name="round_assessment"),
    path("rounds/<int:pk>/opinion/", views.opinion_form, name="round_opinion"),
    path("rounds/<int:pk>/rating/", views.rating_form, name="round_rating"),
    path("rounds/<int:pk>/ratings/import/", views.ratings_import, name="round_ratings_import"),
    path("proposals/<int:pk>/decide/", views.proposal_decide, name="proposal_decide"),
]

from django.urls import path

from quanze.evaluation.appraisal import views

urlpatterns = [
    path("appraisal/", views.round_list, name="appraisal_rounds"),
    path("appraisal/new/", views.round_create, name="appraisal_round_create"),
    path("appraisal/<int:pk>/", views.round_detail, name="appraisal_round"),
    path("appraisal/<int:pk>/edit/", views.round_edit, name="appraisal_round_edit"),
    path("appraisal/<int:pk>/criteria/", views.criterion_add, name="appraisal_criterion_add"),
    path(
        "appraisal/criteria/<int:pk>/remove/",
        views.criterion_remove,
        name="appraisal_criterion_remove",
    ),
    path("appraisal/<int:pk>/open/", views.round_open, name="appraisal_round_open"),
    path("appraisal/<int:pk>/close/", views.round_close, name="appraisal_round_close"),
    path("appraisal/<int:pk>/results/", views.results, name="appraisal_results"),
    path(
        "appraisal/<int:pk>/results/<str:kind>/<int:unit_id>/",
        views.unit_result,
        name="appraisal_unit_result",
    ),
    path("appraisal/<int:pk>/export/", views.export, name="appraisal_export"),
    path("appraisal/sheets/", views.sheet_list, name="appraisal_sheets"),
    path("appraisal/sheets/<int:pk>/", views.sheet_detail, name="appraisal_sheet"),
]

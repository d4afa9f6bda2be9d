from django.urls import path

from quanze.enforcement.staffing import views

urlpatterns = [
    path("staffing/", views.staffing_report, name="staffing_report"),
    path("staffing/export.xlsx", views.staffing_export, name="staffing_export"),
    path("staffing/quotas/", views.quota_list, name="staffing_quotas"),
    path("staffing/quotas/save/", views.quota_save, name="staffing_quota_save"),
    path("staffing/sinkings/", views.sinking_create, name="staffing_sinking_create"),
    path("staffing/import/", views.quota_import, name="staffing_import"),
    path("staffing/decisions/<int:pk>/", views.decision_follow, name="staffing_decision"),
]

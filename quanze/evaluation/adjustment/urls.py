from django.urls import path

from quanze.evaluation.adjustment import views

urlpatterns = [
    path("adjustments/", views.adjustment_list, name="adjustment_list"),
    path("adjustments/<int:pk>/", views.adjustment_detail, name="adjustment_detail"),
    path("adjustments/<int:pk>/start/", views.adjustment_start, name="adjustment_start"),
    path("adjustments/<int:pk>/complete/", views.adjustment_complete, name="adjustment_complete"),
    path("adjustments/<int:pk>/cancel/", views.adjustment_cancel, name="adjustment_cancel"),
    path("adjustment-changes/<int:pk>/basis/", views.change_basis, name="adjustment_basis"),
    path("adjustment-changes/<int:pk>/report/", views.change_report, name="adjustment_report"),
]

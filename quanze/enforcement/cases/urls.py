from django.urls import path

from quanze.enforcement.cases import views

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("cases/new/", views.case_open, name="case_open"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/steps/<str:action>/", views.case_step, name="case_step"),
    path("cases/<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("evidence/<int:pk>/custody/", views.custody_add, name="custody_add"),
    path("evidence/<int:pk>/file/", views.evidence_file, name="evidence_file"),
]

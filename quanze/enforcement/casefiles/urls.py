from django.urls import path

from quanze.enforcement.casefiles import views

urlpatterns = [
    path("cases/<int:pk>/case-file.pdf", views.case_file, name="case_file"),
    path("cases/<int:pk>/case-file/", views.case_file_generate, name="case_file_generate"),
    path("case-files/<int:pk>/", views.case_file_job, name="case_file_job"),
    path("case-files/<int:pk>/progress/", views.case_file_progress, name="case_file_progress"),
    path(
        "case-files/<int:pk>/download.pdf",
        views.case_file_job_download,
        name="case_file_job_download",
    ),
]

from django.urls import path

from quanze.enforcement.training import views

urlpatterns = [
    path("training/", views.training_courses, name="training_courses"),
    path("training/courses/<int:pk>/", views.training_course, name="training_course"),
    path(
        "training/courses/<int:pk>/attendance/",
        views.training_attendance,
        name="training_attendance",
    ),
    path("training/lecturers/", views.training_lecturers, name="training_lecturers"),
    path("training/requests/", views.training_requests, name="training_requests"),
    path(
        "training/requests/<int:pk>/answer/",
        views.training_request_answer,
        name="training_request_answer",
    ),
    path("training/report/", views.training_report, name="training_report"),
]

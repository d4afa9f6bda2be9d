from django.urls import path

from quanze.enforcement.exams import views

urlpatterns = [
    path("exams/", views.exam_list, name="exam_list"),
    path("exams/new/", views.exam_create, name="exam_create"),
    path("exams/<int:pk>/", views.exam_detail, name="exam_detail"),
    path("exams/<int:pk>/register/", views.exam_register, name="exam_register"),
    path("exams/<int:pk>/results/", views.exam_results, name="exam_results"),
    path("exams/<int:pk>/certificates/", views.exam_issue, name="exam_issue"),
]

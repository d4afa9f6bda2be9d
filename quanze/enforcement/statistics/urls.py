from django.urls import path

from quanze.enforcement.statistics import views

urlpatterns = [
    path("statistics/", views.exercise_page, name="stats_exercise"),
    path("statistics/export.<str:fmt>", views.exercise_export, name="stats_exercise_export"),
    path("statistics/exercises/", views.exercise_add, name="stats_exercise_add"),
    path("statistics/annual/", views.annual_page, name="stats_annual"),
    path("statistics/annual/export.xlsx", views.annual_export, name="stats_annual_export"),
]

"""Routes of projects (mounted by the app's urls.py)."""

from django.urls import path

from quanze.delegation.projects import views

urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/stage/", views.project_advance, name="project_advance"),
]

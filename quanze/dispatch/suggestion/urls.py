from django.urls import path

from quanze.dispatch.suggestion import views

urlpatterns = [
    path("vocabulary/", views.vocabulary, name="vocabulary"),
    path("vocabulary/<int:pk>/remove/", views.vocabulary_remove, name="vocabulary_remove"),
]

"""Routes of batches and their legality review (mounted by the app's urls.py)."""

from django.urls import path

from quanze.delegation.review import views

urlpatterns = [
    path("projects/<int:pk>/batches/new/", views.batch_create, name="batch_create"),
    path("batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("batches/<int:pk>/send/", views.batch_send, name="batch_send"),
    path("batches/<int:pk>/complete/", views.batch_complete, name="batch_complete"),
    path("batch-items/<int:pk>/review/", views.review_edit, name="review_edit"),
    path("batch-items/<int:pk>/remove/", views.batch_item_remove, name="batch_item_remove"),
]

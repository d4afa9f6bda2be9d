from django.urls import path

from quanze.catalog.documents import views

urlpatterns = [
    path("versions/<int:pk>/document.<str:fmt>", views.version_document, name="version_document"),
]

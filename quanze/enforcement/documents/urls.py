from django.urls import path

from quanze.enforcement.documents import views

urlpatterns = [
    path(
        "cases/<int:pk>/documents/<slug:kind>.<slug:fmt>",
        views.document_download,
        name="document_download",
    ),
    path("documents/templates/", views.template_list, name="document_templates"),
    path("documents/templates/<slug:kind>.docx", views.template_download, name="document_template"),
    path(
        "documents/templates/<slug:kind>/upload/",
        views.template_upload,
        name="document_template_upload",
    ),
    path(
        "documents/templates/<slug:kind>/reset/",
        views.template_reset,
        name="document_template_reset",
    ),
]

from django.urls import path

from quanze.catalog import document_views, import_views, views

app_name = "catalog"
urlpatterns = [
    path("", views.catalog_list, name="catalog_list"),
    path("new/", views.catalog_create, name="catalog_create"),
    path("<int:pk>/", views.catalog_detail, name="catalog_detail"),
    path("<int:pk>/draft/", views.version_draft, name="version_draft"),
    path("<int:pk>/diff/", views.version_diff, name="version_diff"),
    path("<int:pk>/import/", import_views.import_start, name="import_start"),
    path("imports/<int:pk>/", import_views.import_detail, name="import_detail"),
    path("imports/<int:pk>/progress/", import_views.import_progress, name="import_progress"),
    path("imports/<int:pk>/confirm/", import_views.import_confirm, name="import_confirm"),
    path("imports/<int:pk>/fail/", import_views.import_fail, name="import_fail"),
    path("versions/<int:pk>/", views.version_detail, name="version_detail"),
    path("versions/<int:pk>/publish/", views.version_publish, name="version_publish"),
    path("versions/<int:pk>/export.<str:fmt>", views.version_export, name="version_export"),
    path(
        "versions/<int:pk>/document.<str:fmt>",
        document_views.version_document,
        name="version_document",
    ),
    path("powers/", views.power_list, name="power_list"),
    path("powers/<int:pk>/", views.power_detail, name="power_detail"),
    path("powers/<int:pk>/edit/", views.power_edit, name="power_edit"),
]

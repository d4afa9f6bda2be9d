from django.urls import path

from quanze.catalog.catalogs import views

urlpatterns = [
    path("", views.catalog_list, name="catalog_list"),
    path("new/", views.catalog_create, name="catalog_create"),
    path("<int:pk>/", views.catalog_detail, name="catalog_detail"),
    path("<int:pk>/draft/", views.version_draft, name="version_draft"),
    path("<int:pk>/diff/", views.version_diff, name="version_diff"),
    path("versions/<int:pk>/", views.version_detail, name="version_detail"),
    path("versions/<int:pk>/publish/", views.version_publish, name="version_publish"),
    path("versions/<int:pk>/export.<str:fmt>", views.version_export, name="version_export"),
]

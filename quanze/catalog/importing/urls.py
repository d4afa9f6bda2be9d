from django.urls import path

from quanze.catalog.importing import views

urlpatterns = [
    path("<int:pk>/import/", views.import_start, name="import_start"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/progress/", views.import_progress, name="import_progress"),
    path("imports/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("imports/<int:pk>/recheck/", views.import_recheck, name="import_recheck"),
    path("imports/<int:pk>/fail/", views.import_fail, name="import_fail"),
]

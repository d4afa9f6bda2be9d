from django.urls import path

from quanze.enforcement.officers import views

urlpatterns = [
    path("officers/", views.officer_list, name="officer_list"),
    path("officers/new/", views.officer_create, name="officer_create"),
    path("officers/<int:pk>/", views.officer_detail, name="officer_detail"),
    path("officers/<int:pk>/edit/", views.officer_edit, name="officer_edit"),
    path("certificates/expiring/", views.certificate_expiring, name="certificate_expiring"),
    path(
        "certificates/expiring/notify/",
        views.certificate_expiry_notify,
        name="certificate_expiry_notify",
    ),
    path("officers/<int:pk>/certificates/", views.certificate_add, name="certificate_add"),
    path("certificates/<int:pk>/status/", views.certificate_status, name="certificate_status"),
]

"""Pages of the admission requests."""

from django.urls import path

from quanze.duties.admission import views

urlpatterns = [
    path("admissions/", views.admission_list, name="admission_list"),
    path("admissions/new/", views.admission_create, name="admission_create"),
    path("admissions/<int:pk>/", views.admission_detail, name="admission_detail"),
    path("admissions/<int:pk>/edit/", views.admission_edit, name="admission_edit"),
    path("admissions/<int:pk>/submit/", views.admission_submit, name="admission_submit"),
    path("admissions/<int:pk>/decide/", views.admission_decide, name="admission_decide"),
]

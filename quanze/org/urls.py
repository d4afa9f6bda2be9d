from django.urls import path

from quanze.org import views

app_name = "org"
urlpatterns = [
    path("divisions/", views.division_list, name="division_list"),
    path("departments/", views.department_list, name="department_list"),
]

from django.urls import path

from quanze.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.catalog_list, name="catalog_list"),
    path("powers/", views.power_list, name="power_list"),
]

from django.urls import path

from quanze.catalog.powers import views

urlpatterns = [
    path("powers/", views.power_list, name="power_list"),
    path("powers/<int:pk>/", views.power_detail, name="power_detail"),
    path("powers/<int:pk>/edit/", views.power_edit, name="power_edit"),
]

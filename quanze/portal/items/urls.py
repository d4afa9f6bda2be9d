from django.urls import path

from quanze.portal.items import views

urlpatterns = [
    path("items/<int:pk>/", views.item, name="item"),
]

from django.urls import path

from quanze.portal.lists import views

urlpatterns = [
    path("lists/", views.index, name="lists"),
    path("lists/<str:kind>/<int:pk>/", views.list_page, name="list"),
    path("lists/<str:kind>/<int:pk>/diff/", views.list_diff, name="list_diff"),
]

from django.urls import path

from quanze.dispatch.hotline import views

urlpatterns = [
    path("hotline/", views.hotline, name="hotline"),
]

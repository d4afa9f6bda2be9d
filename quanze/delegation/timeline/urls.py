"""Routes of the item timeline (mounted by the app's urls.py)."""

from django.urls import path

from quanze.delegation.timeline import views

urlpatterns = [
    path("powers/<int:power>/townships/<int:township>/", views.timeline, name="timeline"),
]

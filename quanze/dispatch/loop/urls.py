from django.urls import path

from quanze.dispatch.loop import views

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("dispatch-many/", views.event_dispatch_many, name="event_dispatch_many"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/act/<str:action>/", views.event_act, name="event_act"),
]

from django.urls import path

from quanze.enforcement.disclosure import views

urlpatterns = [
    path("public/", views.public_index, name="public_index"),
    path("public/notices/<int:pk>/", views.public_notice, name="public_notice"),
    path("public/townships/<int:pk>/", views.public_township, name="public_township"),
    path("disclosure/", views.pending, name="disclosure_pending"),
    path("cases/<int:pk>/publish/", views.publish, name="notice_publish"),
]

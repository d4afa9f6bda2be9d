from django.urls import path

from quanze.enforcement.review import views

urlpatterns = [
    path("review/", views.round_list, name="review_list"),
    path("review/new/", views.round_create, name="review_create"),
    path("review/sheets/", views.sheet_list, name="review_sheets"),
    path("review/<int:pk>/", views.round_detail, name="review_round"),
    path("review/<int:pk>/finish/", views.round_finish, name="review_finish"),
    path("review/<int:pk>/export.<str:fmt>", views.round_export, name="review_export"),
    path("review/files/<int:pk>/", views.file_detail, name="review_file"),
]

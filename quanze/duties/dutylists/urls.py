"""Pages of the township duty lists: raw items, drafts, rounds, publication, documents."""

from django.urls import path

from quanze.duties.dutylists import views

urlpatterns = [
    path("township-lists/", views.dutylist_index, name="dutylist_index"),
    path("township-lists/new/", views.dutylist_create, name="dutylist_create"),
    path("township-lists/report/", views.dutylist_report, name="dutylist_report"),
    path("township-lists/<int:pk>/", views.dutylist_detail, name="dutylist_detail"),
    path("township-lists/<int:pk>/raw/", views.rawitems_add, name="rawitems_add"),
    path("township-lists/<int:pk>/build/", views.dutylist_build, name="dutylist_build"),
    path("raw-items/<int:pk>/", views.rawitem_assess, name="rawitem_assess"),
    path("township-versions/<int:pk>/", views.dutyversion_detail, name="dutyversion_detail"),
    path("township-versions/<int:pk>/diff/", views.dutyversion_diff, name="dutyversion_diff"),
    path(
        "township-versions/<int:pk>/export.xlsx",
        views.dutyversion_export,
        name="dutyversion_export",
    ),
    path(
        "township-versions/<int:pk>/document.<str:fmt>",
        views.dutyversion_document,
        name="dutyversion_document",
    ),
    path("township-versions/<int:pk>/rounds/", views.round_open, name="round_open"),
    path(
        "township-versions/<int:pk>/publish/", views.dutyversion_publish, name="dutyversion_publish"
    ),
    path("rounds/<int:pk>/close/", views.round_close, name="round_close"),
    path("rounds/<int:pk>/opinions/", views.opinion_create, name="opinion_create"),
    path("opinions/<int:pk>/dispose/", views.opinion_dispose, name="opinion_dispose"),
]

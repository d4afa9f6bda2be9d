"""Pages of the territorial lists: reading, lookup, drafting, import, publication, claiming meetings."""

from django.urls import path

from quanze.duties.territorial import views

urlpatterns = [
    path("", views.index, name="index"),
    path("lookup/", views.lookup, name="lookup"),
    path("lists/new/", views.list_create, name="list_create"),
    path("lists/<int:pk>/", views.list_detail, name="list_detail"),
    path("lists/<int:pk>/draft/", views.version_draft, name="version_draft"),
    path("lists/<int:pk>/diff/", views.version_diff, name="version_diff"),
    path("versions/<int:pk>/", views.version_detail, name="version_detail"),
    path("versions/<int:pk>/export.xlsx", views.version_export, name="version_export"),
    path("versions/<int:pk>/publish/", views.version_publish, name="version_publish"),
    path("versions/<int:pk>/import/", views.version_import, name="version_import"),
    path("versions/<int:pk>/items/", views.item_add, name="item_add"),
    path("versions/<int:pk>/items/<int:item_pk>/remove/", views.item_remove, name="item_remove"),
    path("versions/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
]

from django.urls import path

from quanze.duties import views_admission as a
from quanze.duties import views_documents as docs
from quanze.duties import views_dutylists as d
from quanze.duties import views_lists as v

app_name = "duties"
urlpatterns = [
    path("", v.index, name="index"),
    path("lookup/", v.lookup, name="lookup"),
    path("lists/new/", v.list_create, name="list_create"),
    path("lists/<int:pk>/", v.list_detail, name="list_detail"),
    path("lists/<int:pk>/draft/", v.version_draft, name="version_draft"),
    path("lists/<int:pk>/diff/", v.version_diff, name="version_diff"),
    path("versions/<int:pk>/", v.version_detail, name="version_detail"),
    path("versions/<int:pk>/export.xlsx", v.version_export, name="version_export"),
    path("versions/<int:pk>/publish/", v.version_publish, name="version_publish"),
    path("versions/<int:pk>/import/", v.version_import, name="version_import"),
    path("versions/<int:pk>/items/", v.item_add, name="item_add"),
    path("versions/<int:pk>/items/<int:item_pk>/remove/", v.item_remove, name="item_remove"),
    path("versions/<int:pk>/meetings/new/", v.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", v.meeting_detail, name="meeting_detail"),
    path("admissions/", a.admission_list, name="admission_list"),
    path("admissions/new/", a.admission_create, name="admission_create"),
    path("admissions/<int:pk>/", a.admission_detail, name="admission_detail"),
    path("admissions/<int:pk>/edit/", a.admission_edit, name="admission_edit"),
    path("admissions/<int:pk>/submit/", a.admission_submit, name="admission_submit"),
    path("admissions/<int:pk>/decide/", a.admission_decide, name="admission_decide"),
    path("township-lists/", d.dutylist_index, name="dutylist_index"),
    path("township-lists/new/", d.dutylist_create, name="dutylist_create"),
    path("township-lists/report/", d.dutylist_report, name="dutylist_report"),
    path("township-lists/<int:pk>/", d.dutylist_detail, name="dutylist_detail"),
    path("township-lists/<int:pk>/raw/", d.rawitems_add, name="rawitems_add"),
    path("township-lists/<int:pk>/build/", d.dutylist_build, name="dutylist_build"),
    path("raw-items/<int:pk>/", d.rawitem_assess, name="rawitem_assess"),
    path("township-versions/<int:pk>/", d.dutyversion_detail, name="dutyversion_detail"),
    path("township-versions/<int:pk>/diff/", d.dutyversion_diff, name="dutyversion_diff"),
    path("township-versions/<int:pk>/export.xlsx", d.dutyversion_export, name="dutyversion_export"),
    path(
        "township-versions/<int:pk>/document.<str:fmt>",
        docs.dutyversion_document,
        name="dutyversion_document",
    ),
    path("township-versions/<int:pk>/rounds/", d.round_open, name="round_open"),
    path("township-versions/<int:pk>/publish/", d.dutyversion_publish, name="dutyversion_publish"),
    path("rounds/<int:pk>/close/", d.round_close, name="round_close"),
    path("rounds/<int:pk>/opinions/", d.opinion_create, name="opinion_create"),
    path("opinions/<int:pk>/dispose/", d.opinion_dispose, name="opinion_dispose"),
]

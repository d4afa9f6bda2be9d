"""Mounted at /open311/v2/ (GeoReport v2's own paths), namespace "open311"."""

from django.urls import re_path

from quanze.portal.open311 import views

FMT = r"(?:\.(?P<fmt>json|xml))?$"

app_name = "open311"
urlpatterns = [
    re_path(r"^services" + FMT, views.service_list, name="services"),
    re_path(r"^services/(?P<code>[^/.]+)" + FMT, views.service_detail, name="service"),
    re_path(r"^requests" + FMT, views.request_list, name="requests"),
    re_path(r"^requests/(?P<number>[^/.]+)" + FMT, views.request_detail, name="request"),
]

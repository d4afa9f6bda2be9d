from django.urls import path, register_converter

from quanze.portal.opendata import views


class KindConverter:
    regex = "catalog|territorial|duty"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class FormatConverter(KindConverter):
    regex = "csv|xlsx|json|jsonld"


register_converter(KindConverter, "kind")
register_converter(FormatConverter, "fmt")

urlpatterns = [
    path("data/", views.data_catalogue, name="data_catalogue"),
    path("data/catalogue.json", views.data_catalogue_json, name="data_catalogue_json"),
    path("data/catalogue.jsonld", views.data_catalogue_dcat, name="data_catalogue_dcat"),
    path(
        "data/catalogue-all.jsonld", views.data_catalogue_dcat_all, name="data_catalogue_dcat_all"
    ),
    path("data/<kind:kind>/<int:pk>.<fmt:fmt>", views.data_version, name="data_version"),
    path(
        "data/<kind:kind>/lists/<int:list_id>/current.<fmt:fmt>",
        views.data_current,
        name="data_current",
    ),
    path("data/catalog/<int:pk>/items/<str:code>.jsonld", views.data_item, name="data_item"),
]

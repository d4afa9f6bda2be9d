from django.contrib import admin
from django.urls import include, path

from quanze.api import api

urlpatterns = [
    path("", include("quanze.core.urls")),
    path("org/", include("quanze.org.urls")),
    path("catalog/", include("quanze.catalog.urls")),
    path("delegation/", include("quanze.delegation.urls")),
    path("duties/", include("quanze.duties.urls")),
    path("dispatch/", include("quanze.dispatch.urls")),
    path("enforcement/", include("quanze.enforcement.urls")),
    path("evaluation/", include("quanze.evaluation.urls")),
    path("portal/", include("quanze.portal.urls")),
    path("open311/v2/", include("quanze.portal.open311.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

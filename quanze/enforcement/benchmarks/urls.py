from django.urls import path

from quanze.enforcement.benchmarks import views

urlpatterns = [
    path("benchmarks/", views.benchmark_list, name="benchmark_list"),
    path("benchmarks/new/", views.benchmark_create, name="benchmark_create"),
    path("benchmarks/proposal/", views.proposal, name="benchmark_proposal"),
    path("benchmarks/<int:pk>/", views.benchmark_detail, name="benchmark_detail"),
    path("benchmarks/<int:pk>/draft/", views.version_draft, name="benchmark_draft"),
    path("benchmarks/versions/<int:pk>/", views.version_detail, name="benchmark_version"),
    path("benchmarks/versions/<int:pk>/import/", views.version_import, name="benchmark_import"),
    path("benchmarks/versions/<int:pk>/publish/", views.version_publish, name="benchmark_publish"),
    path("benchmarks/versions/<int:pk>/export.xlsx", views.version_export, name="benchmark_export"),
    path("public/benchmarks/", views.public_list, name="public_benchmarks"),
    path("public/benchmarks/<int:pk>/", views.public_version, name="public_benchmark"),
    path(
        "public/benchmarks/<int:pk>/export.xlsx",
        views.public_export,
        name="public_benchmark_export",
    ),
]

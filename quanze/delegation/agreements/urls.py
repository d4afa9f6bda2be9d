"""Routes of the decision's page, agreements and templates (mounted by the app's urls.py)."""

from django.urls import path

from quanze.delegation.agreements import views

urlpatterns = [
    path("decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
    path(
        "decisions/<int:pk>/agreements/",
        views.agreements_generate,
        name="agreements_generate",
    ),
    path(
        "agreements/<int:pk>/download/",
        views.agreement_download,
        name="agreement_download",
    ),
    path("agreement-templates/", views.template_list, name="template_list"),
    path(
        "agreement-templates/<int:pk>/download/",
        views.template_download,
        name="template_download",
    ),
    path(
        "agreement-templates/<int:pk>/replace/",
        views.template_replace,
        name="template_replace",
    ),
]

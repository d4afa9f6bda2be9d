from django.urls import path

from quanze.evaluation.lawchange import views

urlpatterns = [
    path("laws/", views.act_list, name="lawchange_acts"),
    path("laws/new/", views.act_create, name="lawchange_act_create"),
    path("laws/search/", views.search, name="lawchange_search"),
    path("laws/<int:pk>/", views.act_detail, name="lawchange_act"),
    path("laws/<int:pk>/articles/", views.articles_import, name="lawchange_articles"),
    path("laws/<int:pk>/changes/new/", views.change_create, name="lawchange_change_create"),
    path("law-changes/<int:pk>/", views.change_detail, name="lawchange_detail"),
    path(
        "law-changes/<int:pk>/adjustment/",
        views.change_adjustment_open,
        name="lawchange_adjustment",
    ),
    path("law-changes/<int:pk>/export.xlsx", views.change_export, name="lawchange_export"),
]

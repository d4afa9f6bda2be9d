from django.urls import path

from quanze.enforcement.guidance import views

urlpatterns = [
    path("guidance/", views.guidance_list, name="guidance_list"),
    path("guidance/powers/<int:pk>/", views.guidance_detail, name="guidance_detail"),
    path("guidance/powers/<int:pk>/edit/", views.guidance_edit, name="guidance_edit"),
    path("guiding-cases/", views.guiding_case_list, name="guiding_case_list"),
    path("guiding-cases/new/", views.guiding_case_create, name="guiding_case_create"),
    path("guiding-cases/<int:pk>/", views.guiding_case_detail, name="guiding_case_detail"),
    path("guiding-cases/<int:pk>/reviews/", views.guiding_case_review, name="guiding_case_review"),
    path("guiding-cases/<int:pk>/decide/", views.guiding_case_decide, name="guiding_case_decide"),
    path("public/guiding-cases/", views.public_guiding_cases, name="public_guiding_cases"),
    path("public/guiding-cases/<int:pk>/", views.public_guiding_case, name="public_guiding_case"),
]

from django.urls import path

from quanze.enforcement.squads import views

urlpatterns = [
    path("squads/", views.squad_list, name="squad_list"),
    path("squads/new/", views.squad_create, name="squad_create"),
    path("squads/equipment/", views.township_equipment_add, name="township_equipment_add"),
    path("squads/<int:pk>/", views.squad_detail, name="squad_detail"),
    path("squads/<int:pk>/members/", views.member_add, name="squad_member_add"),
    path("squads/members/<int:pk>/leave/", views.member_leave, name="squad_member_leave"),
    path("squads/<int:pk>/equipment/", views.equipment_add, name="squad_equipment_add"),
    path("squads/<int:pk>/attendance/", views.attendance_record, name="squad_attendance"),
    path("squads/<int:pk>/appraisal/", views.appraisal_record, name="squad_appraisal"),
    path("squads/<int:pk>/consents/", views.consent_request, name="squad_consent_request"),
    path("squads/consents/<int:pk>/answer/", views.consent_answer, name="squad_consent_answer"),
]

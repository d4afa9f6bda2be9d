from django.contrib.auth import views as auth_views
from django.urls import path

from quanze.core import notice_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="core/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("history/<str:model>/<int:pk>/", views.history, name="history"),
    path("notices/", notice_views.notice_list, name="notice_list"),
    path("notices/<int:pk>/read/", notice_views.notice_read, name="notice_read"),
    path("notices/read-all/", notice_views.notice_read_all, name="notice_read_all"),
]

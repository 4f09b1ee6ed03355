from django.urls import path

from lti import views

app_name = "lti"

urlpatterns = [
    path("jwks/", views.jwks, name="jwks"),
    path("login/<uuid:registration_uuid>/", views.LoginView.as_view(), name="login"),
    path("launch/", views.LaunchView.as_view(), name="launch"),
    path("register/", views.register, name="register"),
    path("deep-link/", views.deep_link, name="deep_link"),
    path("classes/<int:class_id>/roster-sync/", views.roster_sync, name="roster_sync"),
    path("passbacks/<int:passback_id>/retry/", views.passback_retry, name="passback_retry"),
]

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config.views import favicon, healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/v1/", include("api.urls")),
    path("modules/", include("modules.urls")),
    path("lti/", include("lti.urls")),
    path("", include("classes.urls")),
    path("", include("learning.urls")),
]

handler400 = "api.errors.bad_request"
handler404 = "api.errors.page_not_found"

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("core.urls")),
    path("deputies/", include("deputies.urls")),
    path("deputies/", include("deputies.urls_excel")),
    path("congress/", include("congress.urls")),
    path("suggestions/", include("motions.urls")),
    path("supervision/", include("supervision.urls")),
    path("performance/", include("reports.urls_performance")),
    path("annual/", include("reports.urls_annual")),
    path("exports/", include("core.urls_exports")),
    path("", include("reports.urls")),
]

# A database that went away (PostgreSQL restarting) answers 503 with the portal's page, not 500.
handler500 = "core.views_errors.server_error"

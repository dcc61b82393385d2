"""All suggestion pages under one namespace; each audience's routes live in their own module."""
from . import urls_deputy, urls_office, urls_public, urls_unit

app_name = "motions"

urlpatterns = [
    *urls_deputy.urlpatterns,
    *urls_office.urlpatterns,
    *urls_unit.urlpatterns,
    *urls_public.urlpatterns,
]

"""django-axes ships no Chinese: its admin pages (访问尝试, where staff unlock an account) would read
in English. Naming its words here keeps them in the portal's catalogue, which Django consults
before the package's own (LOCALE_PATHS), so `make messages` never drops them as unused."""
from django.utils.translation import gettext_noop

AXES_WORDS = (
    gettext_noop("access attempt"), gettext_noop("access attempts"),
    gettext_noop("access log"), gettext_noop("access logs"),
    gettext_noop("access failure"), gettext_noop("access failures"),
    gettext_noop("User Agent"), gettext_noop("IP Address"), gettext_noop("Username"),
    gettext_noop("Path"), gettext_noop("Attempt Time"), gettext_noop("Logout Time"),
    gettext_noop("Failed Logins"), gettext_noop("Access lock out"),
    gettext_noop("GET Data"), gettext_noop("POST Data"), gettext_noop("HTTP Accept"),
)

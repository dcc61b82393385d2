from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared machinery")

    def ready(self):
        from . import lookups, navigation, pagecache  # noqa: F401 - lookups registers `__in` for integer columns
        from .roles import OFFICE_ROLES, Role
        from .middleware import mark_session_fresh
        from .signals import grant_role_permissions

        navigation.register(navigation.NavItem(
            _("Chase board"), "chase_board", OFFICE_ROLES | {Role.PRESIDIUM_MEMBER, Role.UNIT_OFFICER}, 18, "flag"))
        navigation.register(navigation.NavItem(_("Inbox"), "notification_list", frozenset(), 900, "envelope"))
        navigation.register(navigation.NavItem(_("Administration"), "admin:index", OFFICE_ROLES, 990, "gear"))
        post_migrate.connect(grant_role_permissions, dispatch_uid="core.grant_role_permissions")
        user_logged_in.connect(mark_session_fresh, dispatch_uid="core.mark_session_fresh")
        pagecache.connect()

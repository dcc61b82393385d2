"""Model permissions for the role groups, granted after every migrate.

Django creates model permissions only after migrations have run, so a data migration cannot
grant them; this handler does, for the portal's own apps, each time `migrate` finishes. The
portal's pages check roles and objects themselves: these permissions serve the admin site.
"""
from django.apps import apps as global_apps

from .roles import Role

PORTAL_APPS = ("core", "deputies", "congress", "motions", "supervision", "reports")


def grant_role_permissions(sender, using="default", **kwargs):
    Group = global_apps.get_model("auth", "Group")
    # The role groups come from core's data migration; a flush (the tests' transactional teardown,
    # `manage.py flush`) empties them and then sends post_migrate: put them back here.
    for role in Role:
        Group.objects.using(using).get_or_create(name=role.value)
    Permission = global_apps.get_model("auth", "Permission")
    portal = Permission.objects.using(using).filter(content_type__app_label__in=PORTAL_APPS)
    beat = Permission.objects.using(using).filter(content_type__app_label="django_celery_beat")
    # The sign-in lockout (django-axes): the office reads the attempts and unlocks by deleting them.
    lockouts = Permission.objects.using(using).filter(
        content_type__app_label="axes", codename__in=["view_accessattempt", "delete_accessattempt",
                                                       "view_accesslog", "view_accessfailurelog"],
    )
    for role in (Role.CHAIRMAN, Role.STAFF):
        group = Group.objects.using(using).filter(name=role).first()
        if group:
            group.permissions.add(*portal, *beat.filter(codename__startswith="view_"), *lockouts)
    member = Group.objects.using(using).filter(name=Role.PRESIDIUM_MEMBER).first()
    if member:
        member.permissions.add(*portal.filter(codename__startswith="view_"))

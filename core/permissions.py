"""Access checks. Every view fetches its object through get_object_for_user_or_404 (or a
wrapper of it in an app's permissions.py), so no view can forget to check the object itself.

An object the user may not see answers 404, as if it did not exist: a unit never learns the
numbers of another unit's items, a deputy never learns that another deputy has a draft.
"""
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import HandlingUnit, Notification
from .roles import Role


def get_object_for_user_or_404(user, queryset, check, **lookup):
    """Fetch one object by `lookup` from `queryset` (or a model) and apply `check(user, obj)`."""
    obj = get_object_or_404(queryset, **lookup)
    if not check(user, obj):
        raise Http404
    return obj


def role_required(*roles):
    """View decorator: the signed-in user must hold one of `roles` (403 otherwise)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_roles = frozenset(roles)
        return wrapped

    return decorator


office_required = role_required(Role.CHAIRMAN, Role.STAFF)
reads_all_required = role_required(Role.CHAIRMAN, Role.PRESIDIUM_MEMBER, Role.STAFF)


# --- checks on core's own objects -------------------------------------------------------------

def can_view_notification(user, notification):
    return notification.recipient_id == user.pk


def can_view_handling_unit(user, unit):
    return user.reads_all or user.handling_unit_id == unit.pk


def can_manage_handling_unit(user, unit):
    return user.is_office


def get_notification_for_user_or_404(user, pk):
    return get_object_for_user_or_404(user, Notification, can_view_notification, pk=pk)


def get_handling_unit_for_user_or_404(user, pk):
    return get_object_for_user_or_404(user, HandlingUnit, can_view_handling_unit, pk=pk)

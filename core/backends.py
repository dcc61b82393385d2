from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef, Q

from .roles import Role


def user_for_login(login):
    """The account a sign-in name points at: the user name (any case) or the mobile number."""
    login = (login or "").strip()
    if not login:
        return None
    User = get_user_model()
    return User.objects.filter(Q(username__iexact=login) | Q(phone=login)).order_by("pk").first()


class PhoneOrUsernameBackend(ModelBackend):
    """Sign in with the user name or the mobile number (deputies remember their phone, not a name)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = user_for_login(username)
        if user is None:
            get_user_model()().set_password(password)  # same work as a real check, so timing reveals nothing
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id):
        """The signed-in user of a request, read with their roles in the same query (User.roles
        would otherwise cost every page a second query)."""
        User = get_user_model()
        memberships = User.groups.through.objects.filter(user_id=OuterRef("pk"))
        flags = {f"_has_role_{number}": Exists(memberships.filter(group__name=role.value))
                 for number, role in enumerate(Role)}
        user = User._default_manager.annotate(**flags).filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        roles = frozenset(role for number, role in enumerate(Role) if getattr(user, f"_has_role_{number}"))
        user.roles = roles if user.is_active else frozenset()  # as User.roles would say
        return user

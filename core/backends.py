from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q


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

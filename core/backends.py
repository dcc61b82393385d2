import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import router
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from . import pagecache
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
        """The signed-in user of a request, read with their roles and the number of their unread
        messages in the same query (User.roles and the inbox badge of every page would otherwise
        cost each page two more queries)."""
        User = get_user_model()
        try:
            user_id = User._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        # Kept in the cache until the users, their groups or anyone's messages change (core.pagecache):
        # one round trip to Redis instead of the query on most requests.
        user = pagecache.kept_until_written(f"user:{user_id}", _user_tables(), lambda: _read_user(user_id))
        if user is None or not self.user_can_authenticate(user):
            return None
        bits = user._role_bits or 0
        roles = frozenset(role for role, bit in ROLE_BITS.items() if bits & bit)
        user.roles = roles if user.is_active else frozenset()  # as User.roles would say
        return user


def _read_user(user_id):
    User = get_user_model()
    alias = router.db_for_read(User)
    sql, params, user_id_at = _user_with_roles_sql(alias)
    params = list(params)
    params[user_id_at] = user_id
    return next(iter(User._default_manager.raw(sql, params, using=alias)), None)


@functools.cache
def _user_tables():
    """The tables _user_with_roles_sql reads."""
    from .models import Notification

    return (*sorted(pagecache.user_tables()), Notification._meta.db_table)


# One bit per role: the roles of a user are the sum over their groups (a group name is unique and a
# user is in a group at most once), read with the user in one correlated subquery. One EXISTS per role
# instead cost PostgreSQL about a millisecond of planning on every request.
ROLE_BITS = {role: 1 << number for number, role in enumerate(Role)}
_SENTINEL_USER_ID = -7_310_452_981


@functools.cache
def _user_with_roles_sql(alias):
    """(sql, params, index of the user id in params) of "the user with this id, their role bits and
    the number of their unread messages".

    Compiled once per database: building and compiling the query cost each request more than
    running it. Only the user id changes from one request to the next."""
    from .models import Notification

    User = get_user_model()
    memberships = User.groups.through.objects.filter(user_id=OuterRef("pk"))
    role_bits = (
        memberships.order_by().values("user_id")
        .annotate(bits=Sum(Case(*(When(group__name=role.value, then=Value(bit)) for role, bit in ROLE_BITS.items()),
                                default=Value(0), output_field=IntegerField())))
        .values("bits")
    )
    unread = (Notification.objects.filter(recipient_id=OuterRef("pk"), is_read=False)
              .order_by().values("recipient_id").annotate(count=Count("pk")).values("count"))
    queryset = (User._default_manager.using(alias)
                .annotate(_role_bits=Subquery(role_bits), _unread_count=Coalesce(Subquery(unread), 0))
                .filter(pk=_SENTINEL_USER_ID))
    sql, params = queryset.query.sql_with_params()
    positions = [index for index, value in enumerate(params) if value == _SENTINEL_USER_ID]
    assert len(positions) == 1, "the user id must appear once among the query's parameters"
    return sql, tuple(params), positions[0]

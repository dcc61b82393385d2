from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from .forms import LoginForm
from .permissions import get_notification_for_user_or_404
from .selectors import forget_unread_count, notifications_for
from .services import notification_mark_all_read, notification_mark_read

login = auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True)
logout = auth_views.LogoutView.as_view()
password_change = auth_views.PasswordChangeView.as_view()
password_change_done = auth_views.PasswordChangeDoneView.as_view()
# The language switch also sits on the sign-in page, so it must work before signing in.
set_language = login_not_required(django_set_language)


def notification_list(request):
    only_unread = request.GET.get("show") == "unread"
    notifications = notifications_for(request.user)
    if only_unread:
        notifications = notifications.filter(is_read=False)
    page = Paginator(notifications, 20).get_page(request.GET.get("page"))
    return render(request, "core/notification_list.html", {"page_obj": page, "only_unread": only_unread})


def notification_detail(request, pk):
    """Opening a message marks it read; its link, if any, leads to the item it is about."""
    notification = notification_mark_read(notification=get_notification_for_user_or_404(request.user, pk))
    forget_unread_count(request.user)  # the badge of this page counts the message as read
    link = notification.link
    safe_link = link if link and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}) else ""
    return render(request, "core/notification_detail.html", {"notification": notification, "safe_link": safe_link})


@require_POST
def notification_mark_all_read_view(request):
    count = notification_mark_all_read(user=request.user)
    messages.success(request, _("%(count)d messages marked as read.") % {"count": count})
    return redirect("notification_list")

"""Contact platforms: the deputies' home, its contact stations and their contact points (家站点)."""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.concurrency import protect_edit, save_edit, submit_once
from core.permissions import office_required, reads_all_required

from .. import selectors, services
from ..forms import PlatformForm
from ..permissions import can_manage_deputies, get_platform_for_user_or_404, get_platform_to_manage_or_404
from .common import apply_service, is_post


@reads_all_required
def platform_list(request):
    year = selectors.today().year
    return render(request, "deputies/platform_list.html", {
        "tree": selectors.platform_tree(year), "year": year, "can_manage": can_manage_deputies(request.user),
    })


def platform_detail(request, pk):
    platform = get_platform_for_user_or_404(request.user, pk)
    return render(request, "deputies/platform_detail.html", {
        "platform": platform, **selectors.platform_detail(platform), "can_manage": can_manage_deputies(request.user),
    })


def _save_platform(request, form, platform=None):
    return (save_edit if platform else apply_service)(form, services.platform_save, platform=platform, actor=request.user, **form.cleaned_data)


@office_required
@submit_once
def platform_create(request):
    form = PlatformForm(request.POST or None, initial={"kind": request.GET.get("kind"),
                                                       "parent": request.GET.get("parent")})
    if is_post(request) and form.is_valid():
        platform = _save_platform(request, form)
        if platform:
            messages.success(request, _("%(name)s is saved.") % {"name": platform.name})
            return redirect("deputies:platform_detail", pk=platform.pk)
    return render(request, "deputies/platform_form.html", {"form": form})


@office_required
def platform_update(request, pk):
    platform = get_platform_to_manage_or_404(request.user, pk)
    form = protect_edit(PlatformForm(request.POST or None, instance=platform), platform)
    if is_post(request) and form.is_valid():
        if _save_platform(request, form, platform):
            messages.success(request, _("%(name)s is saved.") % {"name": form.cleaned_data["name"]})
            return redirect("deputies:platform_detail", pk=platform.pk)
    return render(request, "deputies/platform_form.html", {"form": form, "platform": platform})

"""The roster of any date, a deputy's record, and the writes on people and mandates."""
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.concurrency import protect_edit, save_edit, submit_once
from core.permissions import office_required, reads_all_required

from .. import selectors, services
from ..forms import ByElectionForm, DeputyCreateForm, DeputyForm, MandateAddForm, MandateEndForm, RosterFilterForm
from ..models import Deputy, Mandate
from ..permissions import (
    can_manage_deputies,
    get_deputy_for_user_or_404,
    get_deputy_to_manage_or_404,
    get_mandate_to_manage_or_404,
)
from .common import apply_service, is_post, term_filter


ROSTER_PAGE_SIZE = 50


@reads_all_required
def deputy_list(request):
    """The roster as it stood on any date, filtered, with its make-up at the top."""
    filters = RosterFilterForm(request.GET)
    day = filters.value("on", selectors.today())
    level = filters.value("level", Mandate.Level.TOWNSHIP)
    term = selectors.current_term(day) if level == Mandate.Level.TOWNSHIP else None
    roster = selectors.roster(
        day, level=level, term=term, district=filters.value("district"),
        status=filters.value("status", selectors.RosterStatus.IN_OFFICE), search=filters.value("q", "").strip(),
    )
    # A county's roster runs to 10⁴ mandates: one page at a time, the filters kept in the pager's links.
    page = Paginator(roster, ROSTER_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "deputies/deputy_list.html", {
        "filters": filters, "day": day, "term": term, "rows": list(page.object_list), "page_obj": page,
        "page_query": f"{query.urlencode()}&" if query else "", "is_today": day == selectors.today(),
        "composition": selectors.roster_composition(day, level=level, term=term),
        "can_manage": can_manage_deputies(request.user),
    })


def deputy_detail(request, pk):
    """A deputy's record: staff, chairman and presidium read every one; a deputy only their own."""
    deputy = get_deputy_for_user_or_404(request.user, pk)
    return render(request, "deputies/deputy_detail.html", {
        "deputy": deputy, "record": selectors.deputy_record(deputy),
        "can_manage": can_manage_deputies(request.user), "reads_all": request.user.reads_all,
    })


def my_record(request):
    """The menu entry of a deputy: their own record, wherever it is."""
    deputy = Deputy.objects.filter(user=request.user).only("pk").first()
    if deputy is None:
        messages.info(request, _("Your account is not linked to a deputy record yet. Ask the presidium office "
                                 "to link it."))
        return redirect("dashboard")
    return redirect("deputies:deputy_detail", pk=deputy.pk)


@office_required
@submit_once
def deputy_create(request):
    form = DeputyCreateForm(request.POST or None)
    if is_post(request) and form.is_valid():
        deputy = apply_service(
            form, services.deputy_create, fields=form.person_fields(), term=form.cleaned_data["term"],
            election=form.cleaned_data["election"], elected_on=form.cleaned_data["elected_on"], actor=request.user,
        )
        if deputy:
            messages.success(request, _("%(name)s is on the roster.") % {"name": deputy.name})
            return redirect("deputies:deputy_detail", pk=deputy.pk)
    return render(request, "deputies/deputy_form.html", {"form": form})


@office_required
def deputy_update(request, pk):
    deputy = get_deputy_to_manage_or_404(request.user, pk)
    form = protect_edit(DeputyForm(request.POST or None, instance=deputy), deputy)
    if is_post(request) and form.is_valid():
        if save_edit(form, services.deputy_update, deputy=deputy, fields=form.person_fields(),
                         actor=request.user):
            messages.success(request, _("The data of %(name)s are saved.") % {"name": deputy.name})
            return redirect("deputies:deputy_detail", pk=deputy.pk)
    return render(request, "deputies/deputy_form.html", {"form": form, "deputy": deputy})


@office_required
def mandate_end(request, pk):
    mandate = get_mandate_to_manage_or_404(request.user, pk)
    form = MandateEndForm(request.POST or None)
    if is_post(request) and form.is_valid():
        if apply_service(form, services.mandate_end, mandate=mandate, status=form.cleaned_data["status"],
                         ended_on=form.cleaned_data["ended_on"], note=form.cleaned_data["note"], actor=request.user):
            messages.success(request, _("The mandate of %(name)s has ended.") % {"name": mandate.deputy.name})
            return redirect("deputies:deputy_detail", pk=mandate.deputy_id)
    return render(request, "deputies/mandate_end_form.html", {"form": form, "mandate": mandate})


@office_required
@submit_once
def mandate_add(request, pk):
    deputy = get_deputy_to_manage_or_404(request.user, pk)
    form = MandateAddForm(request.POST or None)
    if is_post(request) and form.is_valid():
        if apply_service(form, services.mandate_add, deputy=deputy, actor=request.user, **form.cleaned_data):
            messages.success(request, _("The mandate of %(name)s is recorded.") % {"name": deputy.name})
            return redirect("deputies:deputy_detail", pk=deputy.pk)
    return render(request, "deputies/mandate_form.html", {"form": form, "deputy": deputy})


@office_required
@submit_once
def by_election(request):
    form = ByElectionForm(request.POST or None)
    if is_post(request) and form.is_valid():
        existing = form.cleaned_data["existing"]
        mandate = apply_service(
            form, services.by_election, term=form.cleaned_data["term"], elected_on=form.cleaned_data["elected_on"],
            deputy=existing, person=None if existing else form.person_fields(), actor=request.user,
        )
        if mandate:
            messages.success(request, _("%(name)s is recorded as elected at the by-election.") % {
                "name": mandate.deputy.name})
            return redirect("deputies:deputy_detail", pk=mandate.deputy_id)
    return render(request, "deputies/by_election_form.html", {"form": form})


@reads_all_required
def district_list(request):
    filters, term = term_filter(request)
    districts = selectors.districts_with_counts(term) if term else []
    return render(request, "deputies/district_list.html", {
        "filters": filters, "term": term, "districts": districts,
        "seats": sum(d.seats for d in districts), "in_office": sum(d.in_office for d in districts),
    })

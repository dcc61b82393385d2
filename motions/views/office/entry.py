"""Items the office enters itself: matters raised at voter receptions, letters and visits, and
motions of the presidium or the township government."""
import re

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.concurrency import submit_once
from core.permissions import office_required
from deputies.selectors import deputies_for_picker

from ...permissions import get_reception_matter_for_office_or_404
from ...selectors import office as selectors
from ...services import intake as services
from ...services.review import today
from ._common import run_service
from .forms import LetterForm, MotionForm, ReceptionEntryForm

PAGE_SIZE = 30


def _entered(request, item):
    messages.success(request, _("The item is in the review queue. Accept it to give it a number."))
    return redirect("motions:office_item", item.pk)


def _title_from(text):
    """A first title for a matter: its first sentence, without the full stop."""
    first = re.split(r"[。！？!?\n]", (text or "").strip(), maxsplit=1)[0]
    return first.strip()[:60]


@office_required
def office_reception_matters(request):
    """What voters raised at receptions and is not yet an item, the latest reception first."""
    page = Paginator(selectors.reception_matters_to_enter(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "motions/office_reception_matters.html", {"page_obj": page})


@office_required
@submit_once
def office_reception_create(request, matter_pk):
    matter = get_reception_matter_for_office_or_404(request.user, matter_pk)
    deputies = matter.reception.deputies.order_by("name", "pk")
    only = deputies.first() if deputies.count() == 1 else None
    initial = {"content": matter.content, "title": _title_from(matter.content), "proposer": only}
    form = ReceptionEntryForm(request.POST or None, initial=initial, deputies=deputies)
    if form.is_valid():
        item = run_service(form, services.suggestion_from_reception, matter=matter, actor=request.user,
                           **form.cleaned_data)
        if item is not None:
            return _entered(request, item)
    return render(request, "motions/office_reception_form.html", {"form": form, "matter": matter, "tab": "receptions"})


@office_required
@submit_once
def office_letter_create(request):
    """来信来访: a letter or a visit to the presidium, entered as an item of its own source."""
    form = LetterForm(request.POST or None, initial={"received_on": today()})
    if form.is_valid():
        item = run_service(form, services.suggestion_from_letter, actor=request.user, **form.cleaned_data)
        if item is not None:
            return _entered(request, item)
    return render(request, "motions/office_letter_form.html", {"form": form, "tab": "letter"})


@office_required
@submit_once
def office_motion_create(request):
    """A motion tabled by the presidium or the township government (组织法 Art. 22)."""
    presenter = getattr(request.user, "deputy", None)  # the chairman presents the presidium's motions
    initial = {"proposer": presenter.pk if presenter else None}
    form = MotionForm(request.POST or None, initial=initial, deputies=deputies_for_picker())
    if form.is_valid():
        item = run_service(form, services.motion_table, actor=request.user, **form.cleaned_data)
        if item is not None:
            return _entered(request, item)
    return render(request, "motions/office_motion_form.html", {"form": form, "tab": "motion"})

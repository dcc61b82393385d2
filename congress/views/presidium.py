"""The presidium (主席团) of a term: who serves, since when; the office enters and ends memberships."""
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.concurrency import submit_once
from core.forms import run_service
from core.permissions import office_required, reads_all_required
from deputies.models import Term
from deputies.selectors import current_term

from .. import selectors, services
from ..forms import PresidiumEndForm, PresidiumMemberForm
from ..permissions import get_presidium_membership_for_user_or_404


@reads_all_required
@submit_once
def presidium(request):
    term_number = request.GET.get("term")
    term = (get_object_or_404(Term, number=term_number) if term_number and term_number.isdecimal()
            else current_term() or Term.objects.order_by("-number").first())
    form = None
    if term and request.user.is_office:
        form = PresidiumMemberForm(request.POST or None, term=term, initial={"since": selectors.today()})
        if form.is_valid():
            membership = run_service(form, services.presidium_member_add, term=term, actor=request.user,
                                     **form.cleaned_data)
            if membership is not None:
                messages.success(request, _("%(deputy)s is entered in the presidium.") % {"deputy": membership.deputy})
                return redirect(f"{request.path}?term={term.number}")
    return render(request, "congress/presidium.html", {
        "term": term, "terms": Term.objects.order_by("-number"), "form": form,
        "presidium": selectors.presidium_of(term) if term else {"serving": [], "former": []},
    })


@office_required
def presidium_member_end(request, pk):
    membership = get_presidium_membership_for_user_or_404(request.user, pk)
    form = PresidiumEndForm(request.POST or None, initial={"until": selectors.today()})
    if form.is_valid():
        if run_service(form, services.presidium_member_end, membership=membership, actor=request.user,
                       **form.cleaned_data) is not None:
            messages.success(request, _("The membership of %(deputy)s is ended.") % {"deputy": membership.deputy})
            return redirect(f"{reverse('congress:presidium')}?term={membership.term.number}")
    return render(request, "congress/presidium_end.html", {"membership": membership, "form": form})

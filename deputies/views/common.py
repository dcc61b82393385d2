"""What the deputies' views share."""
from django.forms.utils import ErrorDict, ErrorList

from core.forms import run_service as apply_service

from ..forms import TermFilterForm
from ..selectors import current_term




def is_post(request):
    return request.method == "POST"


def keep_input_without_errors(*forms):
    """Show bound forms with what was typed but without error messages: used when a button only
    asks for one more line, before the person has finished filling the form in."""
    for form in forms:
        if hasattr(form, "forms"):  # a formset
            form._errors, form._non_form_errors = [], ErrorList()
            keep_input_without_errors(*form.forms)
        else:
            form._errors = ErrorDict()


def with_one_more_form(data, prefix, limit=50):
    """A copy of POST data whose formset `prefix` counts one more (empty) form."""
    data = data.copy()
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    except (TypeError, ValueError):
        total = 0
    data[f"{prefix}-TOTAL_FORMS"] = str(min(max(total, 0) + 1, limit))
    return data


def term_filter(request):
    """The term picker of a list page and the term it picked: the current term unless asked."""
    current = current_term()
    form = TermFilterForm({"term": request.GET.get("term") or (current.pk if current else "")})
    return form, form.value("term") or current

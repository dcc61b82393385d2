"""What the deputy's views share: the role check, the deputy behind the account, and turning a
service's refusal into a form error."""
from django.shortcuts import render

from core.exceptions import ApplicationError
from core.permissions import role_required
from core.roles import Role

from ...permissions import deputy_of

deputy_required = role_required(Role.DEPUTY)


def run_service(form, service, **kwargs):
    """Call `service`; on ApplicationError put its message on the form (next to its field when the
    form has one) and return None, so the page comes back with everything typed in it."""
    try:
        return service(**kwargs)
    except ApplicationError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None


def not_linked(request):
    """The page for a deputy's account not yet linked to a deputy record."""
    return render(request, "motions/deputy_not_linked.html", status=200)


def own_deputy(request):
    return deputy_of(request.user)

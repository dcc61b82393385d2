"""What the deputy's views share: the role check, the deputy behind the account, and turning a
service's refusal into a form error."""
from django.shortcuts import render

from core.forms import run_service
from core.permissions import role_required
from core.roles import Role

from ...permissions import deputy_of

deputy_required = role_required(Role.DEPUTY)




def not_linked(request):
    """The page for a deputy's account not yet linked to a deputy record."""
    return render(request, "motions/deputy_not_linked.html", status=200)


def own_deputy(request):
    return deputy_of(request.user)

"""What the unit's views share: the role check, and a service's refusal put back on its form."""
from core.forms import run_service
from core.permissions import role_required
from core.roles import Role

unit_required = role_required(Role.UNIT_OFFICER)



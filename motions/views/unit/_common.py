"""What the unit's views share: the role check, and a service's refusal put back on its form."""
from core.exceptions import ApplicationError
from core.permissions import role_required
from core.roles import Role

unit_required = role_required(Role.UNIT_OFFICER)


def run_service(form, service, **kwargs):
    """Call `service(**kwargs)`; on ApplicationError add its message to the form (on its field when
    the form has one) and return None, so the page shows the form again with what was typed."""
    try:
        return service(**kwargs)
    except ApplicationError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None

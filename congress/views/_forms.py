"""What every congress view does with a service's refusal: put it on the form, keep the input."""
from core.exceptions import ApplicationError


def run_service(form, service, **kwargs):
    """Call `service(**kwargs)`; on ApplicationError add its message to the form (on its field when
    the form has one) and return None, so the view shows the form again with what was typed."""
    try:
        return service(**kwargs)
    except ApplicationError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None

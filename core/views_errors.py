"""The error page of last resort, which tells a database outage from a fault in the portal.

When PostgreSQL restarts, requests in flight lose their connection (OperationalError, or
InterfaceError on a connection already closed). That is not a bug to chase but a moment to wait, so
the person gets 503 with "try again in a moment" and Retry-After, and the next request reconnects
(CONN_HEALTH_CHECKS). Django's handler logs the failure itself (django.request, with the traceback),
at ERROR for any 5xx. The page is rendered without a request context: nothing on it may need the
database.
"""
import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error(request):
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        logger.warning("The database is unavailable (%s: %s); answered 503 to %s.",
                       type(error).__name__, str(error).strip(), request.path)
        return HttpResponse(loader.get_template("503.html").render(), status=503,
                            headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    return defaults.server_error(request)

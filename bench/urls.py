"""The portal's URLconf plus the framework floor: one trivial view under the same gunicorn and
middleware, so that each page's latency reads as a multiple of what Django alone costs here."""
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from core.pagecache import uncached

from config.urls import handler500, urlpatterns as portal_urlpatterns  # noqa: F401


@uncached  # what Django alone costs: never a kept page
@login_not_required
def floor(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *portal_urlpatterns]

"""Admin login throttling with django-axes: the client's address as axes
counts it, a lockout on the user name alone besides the (user name,
address) pair, and the lockout page.

Addresses are counted and stored as their network, shortened as in the
logs (core/addresses.py): IPv4 /24, IPv6 /48. So one /64 (or a whole /48)
of IPv6 addresses is one address here, and axes' table never holds a full
address."""

from axes import helpers as axes_helpers
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from .addresses import anonymise_ip, client_ip


def client_network(request):
    """The client's network for login throttling (AXES_CLIENT_IP_CALLABLE);
    None when the request has no address (a Unix socket, a login made in
    code), which axes stores as NULL: PostgreSQL's inet column takes no "-"."""
    network = anonymise_ip(client_ip(request))
    return None if network == "-" else network


class LoginThrottleHandler(AxesDatabaseHandler):
    """axes' database handler with two limits instead of one: the pair
    (user name, network) is locked after AXES_FAILURE_LIMIT failures, the
    user name from any address after AXES_USERNAME_FAILURE_LIMIT (higher,
    so that one attacker cannot lock an editor out as easily as guess).

    AXES_LOCKOUT_PARAMETERS lists the pair first and the user name second;
    axes compares the largest count with AXES_FAILURE_LIMIT, so the user
    name's count is shifted by the difference of the two limits."""

    def get_failures(self, request, credentials=None):
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        pair, *username = counts
        shift = settings.AXES_USERNAME_FAILURE_LIMIT - settings.AXES_FAILURE_LIMIT
        return max([pair, *(count - shift for count in username)])


def purge_expired_attempts():
    """Delete the records of failed logins whose lockout period is over:
    they hold a typed user name and a (shortened) address and serve nothing
    else. axes deletes them at the next login attempt; the daily clean-up
    (purge_feedback) calls this, so they go also when nobody signs in."""
    threshold = timezone.now() - settings.AXES_COOLOFF_TIME
    deleted, _details = AccessAttempt.objects.filter(attempt_time__lte=threshold).delete()
    return deleted


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' lockout page: the site's layout, German and English, and
    how long the block lasts in minutes."""
    cool_off = axes_helpers.get_cool_off(request)
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    response = render(
        request, "axes/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    add_never_cache_headers(response)
    return response

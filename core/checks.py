"""Deployment checks of what every app relies on (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

W_PROXY_COUNT = "core.W001"


@register(Tags.security, deploy=True)
def check_proxy_count(app_configs=None, **kwargs):
    """Behind a proxy (SECURE_PROXY_SSL_HEADER says there is one) the
    client's address is in X-Forwarded-For, and DJANGO_PROXY_COUNT says how
    many entries to trust. With 0, every visitor shares the proxy's address:
    five wrong passwords lock out every editor, and one visitor's feedback
    uses up everyone's limit."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and not settings.PROXY_COUNT:
        return [
            Warning(
                "SECURE_PROXY_SSL_HEADER is set, but DJANGO_PROXY_COUNT is 0.",
                hint="Set DJANGO_PROXY_COUNT to the number of proxies in front of the site "
                "(usually 1), so that login throttling and the feedback limit see each "
                "visitor's own address.",
                id=W_PROXY_COUNT,
            )
        ]
    return []


W_TWO_FACTOR = "core.W002"


@register(Tags.security, deploy=True)
def check_two_factor(app_configs=None, **kwargs):
    """Staff sign in with a password only while ADMIN_TWO_FACTOR is off."""
    if not settings.ADMIN_TWO_FACTOR:
        return [
            Warning(
                "DJANGO_ADMIN_TWO_FACTOR is off: staff sign in to the admin with a password only.",
                hint="Remove DJANGO_ADMIN_TWO_FACTOR=false (the default is on) and give each "
                "staff account a code: manage.py addstatictoken NAME.",
                id=W_TWO_FACTOR,
            )
        ]
    return []

"""Deployment checks of the machine pages (`manage.py check --deploy`)."""

from django.core.checks import Tags, Warning, register

from rdz_site.machine_views import security_contacts

W_SECURITY_CONTACT = "rdz_site.W001"


@register(Tags.security, deploy=True)
def check_security_contact(app_configs=None, **kwargs):
    """/.well-known/security.txt needs a real address to report a
    vulnerability to (RFC 9116); without one the site answers 404 there."""
    if security_contacts():
        return []
    return [
        Warning(
            "SECURITY_CONTACTS names no https:// or mailto: address, so "
            "/.well-known/security.txt is not served.",
            hint="Set SECURITY_CONTACTS to the address where the county takes "
            "vulnerability reports, e.g. mailto:…@altmarkkreis-salzwedel.de "
            "(confirmed by the county's IT security).",
            id=W_SECURITY_CONTACT,
        )
    ]

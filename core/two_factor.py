"""A second factor for staff (django-otp): the login asks for a code from
an authenticator app (TOTP, RFC 6238) or one of the account's single-use
recovery codes, and the admin lets every signed-in editor set up the app
and print new recovery codes on a page of their own (two_factor_view).

Nobody gets into the admin without a device: the first code for a new
account comes from someone who may manage accounts (`manage.py
addstatictoken NAME`, django-otp's command), as docs/redaktion.md says.
ADMIN_TWO_FACTOR=False switches it off; `check --deploy` warns then."""

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
APP_DEVICE_NAME = "App"
RECOVERY_DEVICE_NAME = "Recovery codes"


def normalise(code):
    """What people type: spaces or a hyphen in the middle, capitals."""
    return "".join(code.split()).replace("-", "").lower()


def verified_device(user, code):
    """The user's confirmed device that accepts `code`, or None. Six digits
    are an app's code; anything else a recovery code, which is used up.
    Only devices of the matching kind are tried, so that a wrong code does
    not count against the other kind (django-otp throttles each device)."""
    code = normalise(code)
    kind = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if not isinstance(device, kind):
                continue
            allowed, _details = device.verify_is_allowed()
            if allowed and device.verify_token(code):
                return device
    return None


class TwoFactorLoginForm(AdminAuthenticationForm):
    """Django's admin login with a third field, the code. A wrong code
    counts as a failed login for django-axes, like a wrong password."""

    otp_token = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_(
            "The six digits your authenticator app shows, or one of your recovery codes "
            "(also the one-time code for your first sign-in)."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_code": _(
            "This code is not valid. Enter the current code from your app (each "
            "works once: after signing in with it, wait for the next) or an "
            "unused recovery code. After %(limit)s wrong passwords or codes in a row, "
            "signing in is locked for %(minutes)s minutes."
        ),
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        device = verified_device(user, cleaned_data.get("otp_token") or "") if user else None
        if user and device is None:
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise forms.ValidationError(
                self.error_messages["invalid_code"],
                code="invalid_code",
                params={
                    "limit": settings.AXES_FAILURE_LIMIT,
                    "minutes": round(settings.AXES_COOLOFF_TIME.total_seconds() / 60),
                },
            )
        if device is not None:
            # django-otp marks the session as verified when the user logs in.
            user.otp_device = device
        return cleaned_data


class ConfirmAppForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def qr_code(device):
    """The app's set-up link as an SVG QR code, dark on white; inline SVG
    needs no request, no script and no style attribute."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, light="#fff")


def key_for_typing(device):
    """The secret in base32, in groups of four, for apps without a camera."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def is_set_up(user):
    """Whether `user` has done what the guide asks after the first sign-in:
    an authenticator app set up and recovery codes made (rather than only
    the administration's one-time code)."""
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        and StaticToken.objects.filter(
            device__user=user, device__name=RECOVERY_DEVICE_NAME
        ).exists()
    )


def two_factor_view(request, admin_site):
    """The signed-in user's own second factor: set up (or replace) the
    authenticator app, and make new recovery codes (shown once)."""
    user = request.user
    context = {**admin_site.each_context(request), "title": _("Two-factor login")}
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "start":
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
        context.update(new_device=device, confirm_form=ConfirmAppForm())
    elif action == "confirm":
        device = TOTPDevice.objects.filter(user=user, confirmed=False).last()
        form = ConfirmAppForm(request.POST)
        if device is not None and form.is_valid():
            if device.verify_token(normalise(form.cleaned_data["code"])):
                with transaction.atomic():
                    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
                    device.confirmed = True
                    device.save()
                messages.success(request, _("Your authenticator app is set up."))
                return redirect(request.path)
            form.add_error(
                "code",
                _(
                    "This code is not valid. Enter the code the app shows now. If you scanned "
                    "a QR code before this page was reloaded, that key no longer counts: delete "
                    "the entry in the app and scan the QR code on this page."
                ),
            )
        if device is None:
            return redirect(request.path)
        context.update(new_device=device, confirm_form=form)
    elif action == "recovery":
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
        )
        with transaction.atomic():
            StaticToken.objects.filter(device__user=user).delete()
            codes = [StaticToken.random_token() for _i in range(RECOVERY_CODES)]
            StaticToken.objects.bulk_create(
                StaticToken(device=device, token=code) for code in codes
            )
        context["recovery_codes"] = codes
    if "new_device" in context:
        device = context["new_device"]
        context.update(qr_code=qr_code(device), key=key_for_typing(device))
    context.update(
        app=TOTPDevice.objects.filter(user=user, confirmed=True).first(),
        recovery_left=StaticToken.objects.filter(device__user=user).count(),
        recovery_total=RECOVERY_CODES,
    )
    return TemplateResponse(request, "admin/two_factor.html", context)

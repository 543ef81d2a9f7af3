"""Editors reset a forgotten password by e-mail, with Django's own views and
the admin's own templates ("Benutzername oder Passwort vergessen?" appears on
the login page because a URL named admin_password_reset exists).

Requests for a reset mail are limited per e-mail address and per network, in
the cache, so that all workers count together (with Redis; a cache per
process counts per worker). The limit applies whether or not the address
belongs to an account, so it tells nobody which addresses exist."""

import logging

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.addresses import anonymise_ip, client_ip

logger = logging.getLogger(__name__)

# The admin's login page links here with this text; in German it reads
# "Passwort vergessen?" (Django's own German: "Zugangsdaten vergessen?").
gettext_noop("Forgotten your login credentials?")

# (what is counted, how many requests, per how many seconds)
LIMITS = (("address", 3, 3600), ("network", 10, 3600))


def within_limit(kind, value, count, seconds):
    """Count one request for `value`; False once there were more than `count`
    within `seconds`. If the cache fails, no mail is sent (safe side)."""
    key = f"password-reset:{kind}:{value}"
    try:
        cache.add(key, 0, seconds)
        return cache.incr(key) <= count
    except ValueError:  # a cache that keeps nothing (dummy): nothing to count
        return True
    except Exception:
        logger.warning("password reset: the cache is unavailable; no mail sent", exc_info=True)
        return False


class AdminContextMixin:
    """The admin's header and title on the reset pages, without its side
    bar: for a visitor who is not signed in it would only say that the
    account may see nothing, which reads like a locked account."""

    def get_context_data(self, **kwargs):
        return {
            **admin.site.each_context(self.request),
            "is_nav_sidebar_enabled": False,
            **super().get_context_data(**kwargs),
        }


class PasswordResetView(AdminContextMixin, auth_views.PasswordResetView):
    success_url = reverse_lazy("admin_password_reset_done")
    # Our own mail: Django's German misses a line ("In case you've forgotten ...").
    subject_template_name = "registration/rdz_password_reset_subject.txt"
    email_template_name = "registration/rdz_password_reset_email.txt"
    extra_email_context = {"days": settings.PASSWORD_RESET_TIMEOUT // (24 * 3600)}

    def form_valid(self, form):
        values = {
            "address": form.cleaned_data["email"].strip().lower(),
            "network": anonymise_ip(client_ip(self.request)),
        }
        for kind, count, seconds in LIMITS:
            if not within_limit(kind, values[kind], count, seconds):
                form.add_error(
                    "email",
                    _("Too many requests for a new password. Please try again in an hour."),
                )
                return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class PasswordResetDoneView(AdminContextMixin, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(AdminContextMixin, auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("admin_password_reset_complete")


class PasswordResetCompleteView(AdminContextMixin, auth_views.PasswordResetCompleteView):
    pass


# Before the admin's own URLs, which would otherwise take these paths.
urlpatterns = [
    path("admin/password-reset/", PasswordResetView.as_view(), name="admin_password_reset"),
    path(
        "admin/password-reset/done/",
        PasswordResetDoneView.as_view(),
        name="admin_password_reset_done",
    ),
    path(
        "admin/password-reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "admin/password-reset/complete/",
        PasswordResetCompleteView.as_view(),
        name="admin_password_reset_complete",
    ),
]

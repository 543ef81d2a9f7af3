"""Which requests bypass the page cache: those of a signed-in staff member.

A cookie anyone can send (`sessionid=x`) must not switch the cache off, and
looking the session up would cost a query on every request. So at login
the staff member's browser gets a second cookie, signed with the secret
key and bound to the new session (a hash of its key); at logout it is
deleted. The cache is bypassed only when both cookies are present and the
signature and the binding hold: no database, no session read."""

import hashlib

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.core import signing
from django.dispatch import receiver
from django.utils.crypto import constant_time_compare

SALT = "pagecache.staff"


def _binding(session_key):
    return hashlib.sha256(session_key.encode()).hexdigest()[:32]


def is_staff_request(request):
    cookie = request.COOKIES.get(settings.PAGE_CACHE_STAFF_COOKIE)
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not cookie or not session_key:
        return False
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(
            cookie, max_age=settings.SESSION_COOKIE_AGE
        )
    except signing.BadSignature:
        return False
    return constant_time_compare(value, _binding(session_key))


@receiver(user_logged_in)
def _staff_logged_in(sender, request, user, **kwargs):
    if request is not None and user.is_staff:
        request.page_cache_staff = True


@receiver(user_logged_out)
def _staff_logged_out(sender, request, user, **kwargs):
    if request is not None:
        request.page_cache_staff = False


class StaffCookieMiddleware:
    """Sets the staff cookie on the response to a staff login and deletes
    it on the response to a logout; leaves every other response alone (it
    never reads the session). Must come after SessionMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        staff = getattr(request, "page_cache_staff", None)
        name = settings.PAGE_CACHE_STAFF_COOKIE
        if staff and request.session.session_key:
            value = signing.TimestampSigner(salt=SALT).sign(_binding(request.session.session_key))
            # A browser-session cookie like the session's own.
            response.set_cookie(
                name,
                value,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )
        elif staff is False:
            response.delete_cookie(name, samesite=settings.SESSION_COOKIE_SAMESITE)
        return response

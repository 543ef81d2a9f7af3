"""One ID per request, in every log line it causes and in the answer's
X-Request-ID header, so that an operator can follow a request from nginx's
access log through gunicorn's to the site's own lines.

nginx sends its ID in X-Request-ID (deploy/nginx/rdz-proxy.conf); without
nginx (`make run`), or when the header is not a plain ID, the site makes one.
"""

import contextvars
import logging
import re
import uuid

HEADER = "X-Request-ID"
_VALID = re.compile(r"[A-Za-z0-9-]{8,64}")
_current = contextvars.ContextVar("request_id", default=None)


def from_header(value):
    """The ID in a request's X-Request-ID header, or a new one."""
    return value if value and _VALID.fullmatch(value) else uuid.uuid4().hex


def current():
    """The ID of the request this thread is answering, or None."""
    return _current.get()


class RequestIdMiddleware:
    """First in MIDDLEWARE: the ID is known to everything below, and set on
    every answer, also one the page cache gives from its store."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = from_header(request.headers.get(HEADER))
        request.request_id = request_id
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record logged while a request is answered."""

    def filter(self, record):
        if not getattr(record, "request_id", None):
            # Django logs a 4xx/5xx answer after the middleware returned; the
            # record then carries the request itself.
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", None) or current()
        return True

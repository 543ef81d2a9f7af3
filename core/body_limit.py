"""413 for request bodies larger than their path allows, before anything
parses them."""

from django.conf import settings

# Bodies up to this size are read and thrown away before the 413 goes out;
# larger ones are left unread and the connection is closed. It lies above
# nginx's largest client_max_body_size (deploy/nginx/rdz.conf), so whatever
# nginx passes on is drained: a server that closes a socket with unread data
# resets it, and nginx, still sending, reports a 502 instead of the 413.
DRAIN_AT_MOST = 4 * 1024 * 1024
CHUNK = 64 * 1024


def body_limit(path):
    """The largest body `path` takes (REQUEST_BODY_LIMITS, first matching
    prefix), or None."""
    return next(
        (limit for prefix, limit in settings.REQUEST_BODY_LIMITS if path.startswith(prefix)),
        None,
    )


class RequestBodyLimitMiddleware:
    """Refuses a request body larger than its path allows (REQUEST_BODY_LIMITS,
    by path prefix) with 413 and the site's error page, before anything parses
    it: a 300 MB upload to the feedback form is neither kept in memory nor
    written to disk. Bodies up to DRAIN_AT_MOST are read in small pieces and
    dropped, so the client (or nginx) receives the answer; larger ones are not
    read, and the connection is closed so that the unread body is not taken
    for the next request. A body without Content-Length (chunked) is not read
    by Django at all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = body_limit(request.path_info)
        if limit is None or length <= limit:
            return self.get_response(request)

        from .views import request_too_large

        if length <= DRAIN_AT_MOST:
            while request.read(CHUNK):
                pass
            return request_too_large(request)
        response = request_too_large(request)
        response["Connection"] = "close"
        return response

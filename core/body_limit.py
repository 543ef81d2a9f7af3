"""413 for request bodies larger than their path allows, before anything
reads them."""

from django.conf import settings


class RequestBodyLimitMiddleware:
    """Refuses a request body larger than its path allows (REQUEST_BODY_LIMITS,
    by path prefix) with 413 and the site's error page, before anything reads
    it: a 300 MB upload to the feedback form is not written to disk first.
    The connection is closed, so the unread body is not taken for the next
    request. A body without Content-Length (chunked) is not read by Django
    at all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        path = request.path_info
        limit = next(
            (limit for prefix, limit in settings.REQUEST_BODY_LIMITS if path.startswith(prefix)),
            None,
        )
        if limit is not None and length > limit:
            from .views import request_too_large

            response = request_too_large(request)
            response["Connection"] = "close"
            return response
        return self.get_response(request)

"""405 with the Allow header for methods a page does not support."""

from django.http import HttpResponseNotAllowed


class MethodNotAllowedMiddleware:
    """A method a page does not support (PUT, DELETE ...) gets 405 with the
    Allow header, as the view itself would answer, instead of the CSRF
    failure page that CsrfViewMiddleware would show first. Must come before
    CsrfViewMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_class = getattr(view_func, "view_class", None)
        if view_class is None:
            return None
        allowed = {name for name in view_class.http_method_names if hasattr(view_class, name)}
        if "get" in allowed:
            allowed.add("head")
        if request.method.lower() in allowed:
            return None
        return HttpResponseNotAllowed(sorted(name.upper() for name in allowed))

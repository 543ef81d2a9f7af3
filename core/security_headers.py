"""The Permissions-Policy header on every response. The other security
headers come from Django's SecurityMiddleware and XFrameOptionsMiddleware
(settings, section 6) and the Content-Security-Policy from django-csp's own
middleware (CONTENT_SECURITY_POLICY); both sit before WhiteNoise in
MIDDLEWARE, so static files get the headers too."""

# Features the site never uses; denying them means an injected script or an
# embedded page can't use them either. interest-cohort opts out of FLoC.
PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "autoplay": "()",
    "camera": "()",
    "display-capture": "()",
    "geolocation": "()",
    "gyroscope": "()",
    "interest-cohort": "()",
    "magnetometer": "()",
    "microphone": "()",
    "payment": "()",
    "usb": "()",
}


class PermissionsPolicyMiddleware:
    """Denies the browser features the site never uses (a view may set its
    own header)."""

    header = ", ".join(f"{name}={value}" for name, value in PERMISSIONS_POLICY.items())

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response

"""The language of a request comes from its URL alone."""

from django.middleware.locale import LocaleMiddleware


class URLLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without `Vary: Accept-Language`: the URL
    alone decides the language (German without a prefix, English under
    /en/), never the browser's preference, so caches need not keep a copy
    per Accept-Language."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.has_header("Vary"):
            kept = [
                name.strip()
                for name in response["Vary"].split(",")
                if name.strip() and name.strip().lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response

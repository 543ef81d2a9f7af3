from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .links import reverse_cached

NAVIGATION = (
    ("home", _("Home")),
    ("projects:list", _("Projects")),
    ("events:list", _("Events")),
    ("contacts:list", _("Contacts")),
    ("search", _("Search")),
)
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}


def _same_page_in(language, request):
    """This page's URL in `language`, as django.urls.translate_url() finds it,
    but reusing the match the request was routed with instead of resolving
    the path once more per language."""
    match = request.resolver_match
    if match is None or not match.url_name:
        return translate_url(request.path, language)
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with translation.override(language):
        try:
            if not match.args and set(match.kwargs) <= {"slug"}:
                return reverse_cached(name, match.kwargs.get("slug"))
            return reverse(name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return request.path


def site(request):
    """Navigation with the current section marked, the same page in every
    language (for the switcher and hreflang) and this page's canonical URL."""
    path = request.path
    current_language = get_language()
    nav = []
    for name, label in NAVIGATION:
        url = reverse_cached(name)
        current = path == url if name == "home" else path.startswith(url)
        nav.append({"url": url, "label": label, "current": current, "page": path == url})
    languages = [
        {
            "code": code,
            "name": LANGUAGE_NAMES.get(code, code),
            "url": _same_page_in(code, request),
            "current": code == current_language,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {
        "site_url": settings.SITE_URL,
        "navigation": nav,
        "page_languages": languages,
        "canonical_url": settings.SITE_URL + path,
    }

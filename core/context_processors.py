from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

NAVIGATION = (
    ("home", _("Home")),
    ("projects:list", _("Projects")),
    ("events:list", _("Events")),
    ("contacts:list", _("Contacts")),
    ("search", _("Search")),
)
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}


def same_page_in(language, request):
    """This page's URL in `language`: the view the request was routed to,
    reversed in that language; the path itself if it has no counterpart."""
    match = request.resolver_match
    if match is None or not match.url_name:
        return translate_url(request.path, language)
    with translation.override(language):
        try:
            return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return request.path


def page_languages(url_in):
    """The language switcher: every language with `url_in(code)`, the
    address to switch to."""
    current = get_language()
    return [
        {
            "code": code,
            "name": LANGUAGE_NAMES.get(code, code),
            "url": url_in(code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


def site(request):
    """Navigation with the current section marked, the same page in every
    language (for the switcher and hreflang) and this page's canonical URL."""
    path = request.path
    nav = []
    for name, label in NAVIGATION:
        url = reverse(name)
        current = path == url if name == "home" else path.startswith(url)
        nav.append({"url": url, "label": label, "current": current, "page": path == url})
    return {
        "site_url": settings.SITE_URL,
        "navigation": nav,
        "page_languages": page_languages(lambda code: same_page_in(code, request)),
        "canonical_url": settings.SITE_URL + path,
    }

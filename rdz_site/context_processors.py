from django.conf import settings
from django.urls import reverse, translate_url
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


def site(request):
    """Navigation with the current section marked, the same page in every
    language (for the switcher and hreflang) and this page's canonical URL."""
    path = request.path
    nav = []
    for name, label in NAVIGATION:
        url = reverse(name)
        current = path == url if name == "home" else path.startswith(url)
        nav.append({"url": url, "label": label, "current": current, "page": path == url})
    current_language = get_language()
    languages = [
        {
            "code": code,
            "name": LANGUAGE_NAMES.get(code, code),
            "url": translate_url(path, code),
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

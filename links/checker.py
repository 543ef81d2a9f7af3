"""Finds every external link in the content and asks each address once, with
short timeouts: the standard library's HTTP client, HEAD first and GET where
a server refuses HEAD."""

import logging
import re
import socket
import ssl
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext

from core.labels import field_label, has_language_columns

logger = logging.getLogger(__name__)

# The models whose text is published, and so whose links visitors follow.
CONTENT_MODELS = (
    "contacts.Organisation",
    "contacts.Contact",
    "projects.Project",
    "projects.Goal",
    "projects.Result",
    "projects.Milestone",
    "projects.Funding",
    "projects.Event",
    "legal.LegalPage",
    "legal.Limitation",
)
URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
TRAILING = ".,;:!?)]"
USER_AGENT = "RDZ-Linkpruefung (+https://www.altmarkkreis-salzwedel.de)"


@dataclass(frozen=True)
class Place:
    url: str
    where: str
    edit_url: str


def _text_fields(model):
    """The text columns; of a translated field only its columns per language
    (modeltranslation keeps the original column beside them)."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField)
        and not has_language_columns(model, field)
    ]


def _edit_url(obj, field):
    opts = obj._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""
    return f"{url}#id_{field.name}"


def external_links():
    """Each external link of the content, with where it is."""
    places = []
    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        fields = _text_fields(model)
        for obj in model._base_manager.all():
            for field in fields:
                for match in URL.finditer(field.value_from_object(obj) or ""):
                    url = match.group(0).rstrip(TRAILING)
                    where = gettext("%(kind)s “%(item)s”, field “%(field)s”") % {
                        "kind": capfirst(model._meta.verbose_name),
                        "item": obj,
                        "field": field_label(model, field),
                    }
                    places.append(Place(url, where[:300], _edit_url(obj, field)))
    return places


def problem_of(url):
    """None if `url` answers with success (redirects followed), else a short
    description of what went wrong."""
    timeout = settings.LINK_CHECK_TIMEOUT
    too_slow = gettext("No answer within %(seconds)s seconds") % {"seconds": number_format(timeout)}
    for method in ("HEAD", "GET"):
        # URL (above) only matches http(s) addresses: no file: or other schemes.
        headers = {"User-Agent": USER_AGENT}
        request = urllib.request.Request(url, method=method, headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=timeout):  # noqa: S310
                return None
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue  # some servers answer HEAD wrongly; ask properly
            return gettext("HTTP status %(code)s") % {"code": error.code}
        except TimeoutError:
            return too_slow
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                return too_slow
            return unreachable(reason)
    return None


def unreachable(reason):
    """What went wrong, in words an editor can act on; the technical reason
    is for the log (editors read this list, not the log)."""
    logger.info("link check: %s", reason)
    if isinstance(reason, socket.gaierror):
        return gettext("Server not found: please check the address")
    if isinstance(reason, ConnectionRefusedError):
        return gettext("The server refuses the connection")
    if isinstance(reason, ssl.SSLError):
        return gettext("The server's certificate is not valid")
    return gettext("Not reachable")


def check(urls, workers=4):
    """{url: problem or None} for each address, a few at a time."""
    urls = sorted(set(urls))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(urls, pool.map(problem_of, urls), strict=True))

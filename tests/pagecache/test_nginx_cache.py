"""nginx's cache key (deploy/nginx/rdz-cache-http.conf, rdz-cache.conf) holds
exactly what the app reads: scheme, host, path, the encoding, and the query
parameters each page's view names in `page_cache_parameters`. A view that
starts reading a new parameter fails here until nginx's map names it too;
any other parameter, header or cookie never enters the key."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from django.views.generic import ListView

from pagecache.middleware import view_parameters
from tests.conftest import PAGES

NGINX = Path(__file__).resolve().parents[2] / "deploy" / "nginx"
HTTP_CONF = (NGINX / "rdz-cache-http.conf").read_text()
LOCATION_CONF = (NGINX / "rdz-cache.conf").read_text()


def nginx_map(source, target):
    """The (regex or literal, value) lines of `map $source $target { }`."""
    body = re.search(rf"map \${source} \${target} {{(.*?)\n}}", HTTP_CONF, re.S)[1]
    return [
        (match[2] if match[1] is None else match[1], match[4] if match[3] is None else match[3])
        for match in re.finditer(r'^\s*(?:"([^"]*)"|(\S+))\s+(?:"([^"]*)"|(\S+?));', body, re.M)
    ]


def keyed_parameters(uri):
    """The query parameters nginx puts into the key of `uri`, as its map
    finds them (regexes in order; `default` otherwise)."""
    lines = nginx_map("uri", "rdz_cache_args")
    value = dict(lines)["default"]
    for pattern, result in lines:
        if pattern.startswith("~") and re.search(pattern[1:], uri):
            value = result
            break
    pairs = re.findall(r"(\w+)=\$arg_(\w+)", value)
    assert all(name == arg for name, arg in pairs), value
    return {name for name, _ in pairs}


def lists_in_both_languages():
    names = ["events:list", "events:upcoming", "contacts:list", "projects:list", "search"]
    for language in ("de", "en"):
        with translation.override(language):
            yield from (reverse(name) for name in names)
    for section in ("pages", "projects", "events"):
        yield reverse("sitemap_section", kwargs={"section": section})


@pytest.mark.parametrize(
    "uri", [*(url for pair in PAGES for url in pair), *lists_in_both_languages()]
)
def test_nginx_keys_each_page_by_the_parameters_its_view_reads(db, uri):
    assert keyed_parameters(uri) == set(view_parameters(uri))


def walk(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern.callback


def test_every_paginated_list_names_its_page_parameter():
    views = {getattr(view, "view_class", view) for view in walk(get_resolver().url_patterns)}
    paginated = [view for view in views if isinstance(view, type) and issubclass(view, ListView)]
    assert [view for view in paginated if view.paginate_by] and all(
        "page" in getattr(view, "page_cache_parameters", ())
        for view in paginated
        if view.paginate_by
    )


def test_the_key_has_nothing_a_visitor_adds():
    key = re.search(r'^proxy_cache_key "([^"]+)";', LOCATION_CONF, re.M)[1]
    assert set(re.findall(r"\$\w+", key)) == {
        "$scheme",
        "$host",
        "$uri",
        "$rdz_cache_args",
        "$rdz_cache_encoding",
    }
    # Random parameters and cookies do not enter it: the map's values read
    # only declared parameters, and nothing reads a cookie but the bypass.
    values = " ".join(value for _, value in nginx_map("uri", "rdz_cache_args"))
    assert set(re.findall(r"\$(\w+)", values)) == {"arg_page", "arg_p"}
    assert keyed_parameters("/?utm_source=x&page=7") == set()
    assert "cookie" not in key.lower() and "$args" not in key


@pytest.mark.parametrize(
    ("header", "encoding"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("gzip, deflate, br", "br"),
        ("br;q=1.0, gzip;q=0.8", "br"),
        ("gzip, deflate", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("identity", ""),
        ("", ""),
        ("brotli, x-gzipped", ""),
    ],
)
def test_the_encoding_in_the_key_is_one_of_three(header, encoding):
    found = ""
    for pattern, value in nginx_map("http_accept_encoding", "rdz_cache_encoding"):
        if pattern.startswith("~*") and re.search(pattern[2:], header, re.I):
            found = value
            break
    assert found == encoding


def test_the_staff_cookie_bypasses_nginx_and_nothing_like_it_does():
    (pattern, _), *_ = [
        line for line in nginx_map("http_cookie", "rdz_cache_skip_staff") if line[1] == "1"
    ]
    assert settings.PAGE_CACHE_STAFF_COOKIE in ("staff", "__Host-staff")
    for cookie in ("staff=a", "x=1; staff=a", "__Host-staff=a", "a=1;__Host-staff=b"):
        assert re.search(pattern[1:], cookie), cookie
    for cookie in ("mystaff=a", "x=staff=a", "sessionid=staff", "csrftoken=a"):
        assert not re.search(pattern[1:], cookie), cookie

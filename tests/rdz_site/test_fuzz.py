"""Hostile and random requests (paths under every URL prefix, query strings,
headers, methods) never give a server error and never echo injected markup
unescaped. Examples hypothesis once found stay as @example regression cases.
"""

from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

MARKUP = "<script>x</script>"
PREFIXES = [
    "/",
    "/en/",
    "/projekte/",
    "/en/projects/",
    "/veranstaltungen/",
    "/en/events/",
    "/ansprechpersonen/",
    "/en/contacts/",
    "/suche/",
    "/en/search/",
    "/impressum/",
    "/barrierefreiheit/feedback/",
    "/admin/",
    "/admin/login/",
    "/healthz",
    "/sitemap.xml",
    "/robots.txt",
    "/.well-known/security.txt",
    "/static/",
    "/media/",
    "//",
    "/en",
]
HOSTILE = [
    MARKUP,
    "\"'><img src=x onerror=alert(1)>",
    "../../etc/passwd",
    "%00",
    "%ff%fe",
    "%2e%2e/",
    "' OR 1=1 --",
    "{{ settings.SECRET_KEY }}",
    "${jndi:ldap://x}",
    "\u202e\u0000",
    "ä/ö/ü",
    "a" * 3000,
    "[",
    "//[",
    "%",
    "?",
    "#",
    ";",
    "\\",
    "\r\nSet-Cookie: x=1",
    "0",
    "-1",
    "99999999999999999999999",
    "nan",
    "1e309",
    "regionales-digitalisierungszentrum",
]
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE"]

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
segment = st.one_of(st.sampled_from(HOSTILE), text)
path = st.builds(
    lambda prefix, parts, slash: prefix + "/".join(parts) + ("/" if slash else ""),
    st.sampled_from(PREFIXES),
    st.lists(segment, max_size=3),
    st.booleans(),
)
query = st.one_of(
    st.just(""),
    st.builds(
        lambda key, value: f"{key}={value}",
        st.sampled_from(["q", "page", "next", "lang", "language", "format", "o", "p"]),
        segment,
    ),
    text,
)
headers = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_ACCEPT_LANGUAGE": st.one_of(
            st.sampled_from(
                ["de", "en-GB,en;q=0.9", "*", "xx-YY", "en;q=abc", ",;=", "de-DE-x-" + "a" * 500]
            ),
            text,
        ),
        "HTTP_HOST": st.one_of(
            st.sampled_from(
                ["evil.example", "localhost:99999", "127.0.0.1:abc", "[::1", MARKUP, "", "a" * 300]
            ),
            text,
        ),
        "HTTP_USER_AGENT": st.one_of(st.sampled_from([MARKUP, "\x00", "a" * 5000]), text),
        "HTTP_X_FORWARDED_FOR": st.one_of(
            st.sampled_from(["1.2.3.4, " + MARKUP, "::1", "x" * 300]), text
        ),
        "HTTP_COOKIE": st.sampled_from(
            ["sessionid=" + MARKUP, "csrftoken=;;;", "django_language=xx"]
        ),
        "HTTP_REFERER": st.sampled_from([MARKUP, "https://evil.example/"]),
    },
)


def environ(method, path_info, query_string, extra):
    """A WSGI environ as a server would pass it (PEP 3333: the raw UTF-8 bytes
    as latin-1 strings); the test client's own URL parsing is bypassed so
    that even unparseable paths reach Django."""
    as_wsgi = lambda value: value.encode().decode("latin-1")  # noqa: E731
    return {
        "REQUEST_METHOD": method,
        "PATH_INFO": as_wsgi(path_info),
        "QUERY_STRING": as_wsgi(query_string),
        **{name: as_wsgi(value) for name, value in extra.items()},
    }


def check(method, path_info, query_string, extra):
    client = Client(raise_request_exception=False)
    response = client.request(**environ(method, path_info, query_string, extra))
    assert response.status_code < 500, (
        response.status_code,
        method,
        path_info,
        query_string,
        extra,
    )
    if MARKUP in path_info + query_string + "".join(extra.values()):
        body = b"".join(response) if response.streaming else response.content
        assert MARKUP.encode() not in body
        assert b"<script>" not in body
    for value in response.headers.values():
        assert "\n" not in value and "\r" not in value


# The content fixture is loaded once for all examples: requests can't change
# it (every write needs a logged-in editor).
@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(method=st.sampled_from(METHODS), path_info=path, query_string=query, extra=headers)
# Found by earlier runs, or the obvious cases: kept as regression tests.
@example(method="GET", path_info="//[", query_string="", extra={})
@example(method="GET", path_info="/en//[x/", query_string="", extra={})
@example(method="GET", path_info="/", query_string="", extra={"HTTP_HOST": "evil.example"})
@example(method="GET", path_info="/", query_string="", extra={"HTTP_HOST": MARKUP})
@example(
    method="GET",
    path_info="/veranstaltungen/",
    query_string="page=99999999999999999999999",
    extra={},
)
@example(method="GET", path_info="/en/events/", query_string="page=" + MARKUP, extra={})
@example(method="GET", path_info="/suche/", query_string="q=" + MARKUP, extra={})
@example(method="GET", path_info="/suche/", query_string="q=" + "a" * 1000, extra={})
# PostgreSQL refuses NUL characters in queries (.ci/with-postgres runs this too).
@example(method="GET", path_info="/suche/", query_string="q=a%00b", extra={})
@example(method="GET", path_info="/en/search/", query_string="q=%00", extra={})
@example(method="GET", path_info="/projekte/" + MARKUP + "/", query_string="", extra={})
@example(method="POST", path_info="/admin/login/", query_string="next=" + MARKUP, extra={})
@example(method="GET", path_info="/", query_string="", extra={"HTTP_ACCEPT_LANGUAGE": "a" * 3000})
def test_hostile_requests_never_break_the_site(content, method, path_info, query_string, extra):
    check(method, path_info, query_string, extra)

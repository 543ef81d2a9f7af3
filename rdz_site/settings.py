"""
Settings for the RDZ Altmark site.

Everything that differs between a laptop and a server comes from environment
variables, declared once in the first section with their defaults. The
defaults are safe: DEBUG is off, the secret key is generated once into an
untracked file, the database is SQLite in the project folder. `.env.example`
lists every variable.
"""

import datetime
import os
import secrets
import tomllib
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
# The release's version (YYYY.MM.DD, tagged vYYYY.MM.DD; docs/deployment.md
# "Releases"), shown by /healthz to the app servers and in the admin.
RELEASE_VERSION = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["project"]["version"]


# 1. Environment ---------------------------------------------------------------


def env(name, default=""):
    """The variable's value; an empty line (NAME= in /etc/rdz/env) counts as
    unset and gives the default, as the docs promise for every setting."""
    return os.environ.get(name, "").strip() or str(default)


def env_bool(name, default=False):
    return env(name, default).lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY_FILE = Path(env("DJANGO_SECRET_KEY_FILE", BASE_DIR / ".secret_key"))
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
# Where the site is reached, for canonical links, the sitemap, feeds and
# JSON-LD. By default where gunicorn listens (HOST and PORT, as `make run`
# passes them), so that `make run PORT=8102` links to port 8102.
SITE_URL = (
    os.environ.get("SITE_URL")
    or f"http://{os.environ.get('HOST') or '127.0.0.1'}:{os.environ.get('PORT') or '8000'}"
).rstrip("/")
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
LOG_LEVEL = env("DJANGO_LOG_LEVEL", "INFO").upper()
# Served over HTTPS (usually behind a TLS-terminating proxy): turns on the
# redirect to HTTPS, secure cookies and HSTS (section 6). Off by default so
# that `make run` works on http://127.0.0.1:8000.
HTTPS = env_bool("DJANGO_HTTPS", False)
# The header by which the proxy says the original request was HTTPS, e.g.
# X-Forwarded-Proto. Only set it when the proxy always sets or strips it.
PROXY_SSL_HEADER = env("DJANGO_SECURE_PROXY_SSL_HEADER")
# Reverse proxies in front of the site that append to X-Forwarded-For; used
# to find the client's address for login throttling. 0: use REMOTE_ADDR.
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT") or 0)
HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS") or 365 * 24 * 3600)
# Opt-in: on a county's domain, includeSubDomains (and the preload list,
# which requires it) would force HTTPS on every other service under it.
HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", False)
HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
# A second factor for every staff account (core/two_factor.py). Off only
# for a machine without staff accounts worth protecting; `check --deploy`
# warns while it is off.
ADMIN_TWO_FACTOR = env_bool("DJANGO_ADMIN_TWO_FACTOR", True)
PAGE_CACHE_ENABLED = env_bool("DJANGO_PAGE_CACHE", True)
CACHE_URL = env("CACHE_URL", "locmem://")
# Seconds a cache call may wait for Redis before the site goes on without it.
CACHE_TIMEOUT = float(os.environ.get("CACHE_TIMEOUT") or 0.25)
# /.well-known/security.txt (RFC 9116): where to report a vulnerability, as
# URIs (https:// or mailto:), comma-separated. No default: without a confirmed
# reporting address the file is not served and `check --deploy` says so.
SECURITY_CONTACTS = env_list("SECURITY_CONTACTS", "")


def _secret_key():
    """Use DJANGO_SECRET_KEY, or create a random key once and keep it in an
    untracked file, so a fresh checkout is never run with a known key."""
    if key := os.environ.get("DJANGO_SECRET_KEY"):
        return key
    try:
        return SECRET_KEY_FILE.read_text().strip()
    except FileNotFoundError:
        key = secrets.token_urlsafe(50)
        try:
            SECRET_KEY_FILE.write_text(key)
            SECRET_KEY_FILE.chmod(0o600)
        except OSError as error:
            # E.g. under systemd's ProtectSystem=strict the app folder is
            # read-only: say what to set instead of failing with a traceback.
            raise ImproperlyConfigured(
                f"DJANGO_SECRET_KEY is empty and {SECRET_KEY_FILE} cannot be written "
                f"({error.strerror}). Set DJANGO_SECRET_KEY, or DJANGO_SECRET_KEY_FILE "
                "to a writable path."
            ) from None
        return key


SECRET_KEY = _secret_key()


# 2. Applications --------------------------------------------------------------

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin so that its
    # admin integration is registered first.
    "modeltranslation",
    # Django's admin with our AdminSite (rdz_site/admin.py): the Redaktion's
    # name, the apps in the order editors work in, feedback that is due.
    "rdz_site.apps.RedaktionAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # The templates of /sitemap.xml (rdz_site/sitemaps.py).
    "django.contrib.sitemaps",
    # django-csp: its checks catch settings in the old (3.x) format.
    "csp",
    # django-axes: throttles admin logins (its own section below).
    "axes",
    # django-reversion: a history of every content item in the admin, from
    # which editors restore an earlier version or a deleted item.
    "reversion",
    # django-otp: a second factor for every staff account, an authenticator
    # app (TOTP) and single-use recovery codes (core/two_factor.py).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # django-prose-editor: the rich-text editor of the legal pages' text (its
    # static files; static/js/richtext.js starts it without an
    # import map and without injected styles, for the strict CSP).
    "django_prose_editor",
    # Ours, from the bottom up: each app imports only those above it.
    "core",
    "contacts",
    "projects",
    "legal",
    "search",
    # The daily check of external links in the content (manage.py check_links).
    "links",
    # Whole-page cache for anonymous visitors and its content version.
    "pagecache",
    # The project package: home page, sitemaps, robots.txt, security.txt,
    # and the migrations that moved legal pages and search out of it.
    "rdz_site",
]

MIDDLEWARE = [
    # The request's ID (nginx's X-Request-ID, or a new one) for every log
    # line and the answer's header; first, so that it covers everything.
    "core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (django-csp) and Permissions-Policy; before
    # WhiteNoise so that static files carry them too.
    "csp.middleware.CSPMiddleware",
    "core.security_headers.PermissionsPolicyMiddleware",
    # What a shared cache (nginx, deploy/nginx/rdz-cache.conf) may keep: a
    # second for public pages, nothing else. Outside everything that sets
    # cookies, Vary or Cache-Control.
    "pagecache.shared.SharedCacheHeadersMiddleware",
    # /healthz for load balancers, answered before the Host header is
    # checked: they probe by address.
    "core.health.HealthCheckMiddleware",
    # Bodies larger than their path allows: 413 before anything parses them.
    "core.body_limit.RequestBodyLimitMiddleware",
    # A 503 page when the database is unreachable or locked for too long,
    # also when a middleware below (the page cache) is the one that fails.
    "core.database_unavailable.DatabaseUnavailableMiddleware",
    # WhiteNoise before everything that works per page: static files are
    # answered before sessions, locale or the page cache look at them.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages the page cache does not serve (its own hits arrive
    # compressed already). BREACH: the only secret on a public page is the
    # feedback form's CSRF token, which Django masks anew on every response,
    # and Django's gzip adds random padding; so compressing it is accepted.
    "django.middleware.gzip.GZipMiddleware",
    # The page cache after WhiteNoise and GZip (which leaves the hits, already
    # compressed, alone): a hit skips all later middleware and the view, yet
    # carries the headers they set when the page was stored.
    "pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware after sessions and before CommonMiddleware, so that
    # the language prefix is resolved before APPEND_SLASH redirects. Ours
    # leaves out Vary: Accept-Language (the URL decides the language).
    "core.url_language.URLLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # 405 for unsupported methods before the CSRF check answers 403.
    "core.method_not_allowed.MethodNotAllowedMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with a second factor.
    "django_otp.middleware.OTPMiddleware",
    # The signed cookie that lets staff past the page cache, set at login.
    "pagecache.staff.StaffCookieMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-axes wants to be last: it turns a locked-out login into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rdz_site.urls"
WSGI_APPLICATION = "rdz_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]


# 3. Database ------------------------------------------------------------------

# Persistent connections, checked before each request reuses them: after a
# database restart the first request reconnects instead of failing.
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=None, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers continue while an editor saves; IMMEDIATE transactions
    # and a busy timeout make concurrent writers wait instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Content fixtures live at the top level: `manage.py loaddata organisations ...`.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]


# 4. Internationalisation --------------------------------------------------------

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our own date formats: GOV.UK style in English ("31 August 2020").
FORMAT_MODULE_PATH = ["rdz_site.formats"]


# 5. Static and media files ------------------------------------------------------

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


# 6. Security --------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The CSRF cookie only has to outlive one visit to the feedback form (and
# the admin login): a browser-session cookie instead of Django's 364 days.
# A form sent after the browser was closed gets the CSRF failure page (403_csrf.html).
CSRF_COOKIE_AGE = None
# HTTPS-only settings, switched on together by DJANGO_HTTPS=true; with them
# `manage.py check --deploy` reports no warning of Django's own.
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# Under HTTPS the cookies' names carry the __Host- prefix: browsers accept
# them only over HTTPS, from this host itself and for the whole site, so a
# neighbouring subdomain of the county cannot plant or overwrite them.
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS else "csrftoken"
SECURE_HSTS_SECONDS = HSTS_SECONDS if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HSTS_INCLUDE_SUBDOMAINS
SECURE_HSTS_PRELOAD = HSTS_PRELOAD
# check --deploy recommends both; they are a decision for the domain's
# owner (see HSTS_INCLUDE_SUBDOMAINS above), so they are not warned about.
SILENCED_SYSTEM_CHECKS = [
    *([] if HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if HSTS_PRELOAD else ["security.W021"]),
]
# The daily link check (manage.py check_links): seconds to wait for each
# external server.
LINK_CHECK_TIMEOUT = 5

# Request bodies: forms hold a few kilobytes, a legal page in both languages
# some tens; nothing is uploaded. Larger bodies get 413 before they are read
# (core.body_limit.RequestBodyLimitMiddleware; in the admin a page that names
# the limit, core.views.request_too_large); these bound what Django keeps in
# memory and what it parses.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# Bodies larger than this are refused with 413, by path prefix; the first
# match counts. The feedback form is short; the admin's forms are longer.
REQUEST_BODY_LIMITS = (("/admin/", 1024 * 1024), ("/", 64 * 1024))
# A load balancer may probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if PROXY_SSL_HEADER:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + PROXY_SSL_HEADER.upper().replace("-", "_"), "https")
# Staff passwords (admin forms, `changepassword`, `createsuperuser`): at
# least 12 characters, not a common one, not all digits, not like the user
# name or e-mail address.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The name authenticator apps show next to the code.
OTP_TOTP_ISSUER = "RDZ Altmarkkreis Salzwedel"
# The admin's device lists never show another account's secret key or QR
# code; each person sets up their own device on their own page.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Visitors never get a session; staff sessions end with the browser.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 8 * 3600

# Content-Security-Policy (django-csp 4's own middleware).
# Django's admin and modeltranslation's tabs need no relaxation: the admin
# templates have no inline scripts, styles or event handlers, and jQuery UI
# is served from our static files (JQUERY_UI_URL below).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}


# 7. Third-party: django-modeltranslation ----------------------------------------

MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("de",)
# The tabbed admin would load jQuery UI from a Google CDN: a third-party
# request that a strict CSP blocks and the GDPR forbids. Serve our own copy.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"


# 8. Logging ---------------------------------------------------------------------

# Days the servers keep their logs; the privacy policy quotes this number, and
# journald's MaxRetentionSec and logrotate's rotate (docs/deployment.md, Logs)
# must match it.
LOG_RETENTION_DAYS = 14

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        # One JSON object per line (core/log_format.py): tracebacks and
        # odd request data stay inside their record.
        "json": {"()": "core.log_format.JsonLineFormatter"},
    },
    "filters": {
        # The request ID (core/request_id.py) on every record.
        "request_id": {"()": "core.request_id.RequestIdFilter"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # axes announces itself at INFO on every start, also of each
        # management command; only its warnings matter.
        "axes": {"level": "WARNING"},
    },
}


# 9. E-mail and the accessibility feedback form ----------------------------------

# Staff hear about new feedback by e-mail. Without EMAIL_HOST the messages go
# to the console (the server log), so a laptop never sends mail by accident.
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_PORT = int(env("EMAIL_PORT", 587))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 10
# The feedback form's staff e-mail goes out in a thread of its own after the
# answer is sent (legal/feedback.py); the tests send it in the request.
FEEDBACK_MAIL_IN_THREAD = True
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "webmaster@localhost")
# Who receives new feedback; `check --deploy` warns while this is empty.
FEEDBACK_RECIPIENTS = env_list("FEEDBACK_RECIPIENTS")
# Days after which `manage.py purge_feedback` deletes a submission; the
# privacy policy quotes this number.
FEEDBACK_RETENTION_DAYS = int(env("FEEDBACK_RETENTION_DAYS", 365))
# Submissions per client address (shortened like the logs) and hour, counted
# in the database (legal.feedback.ClientNetwork), never in the cache.
FEEDBACK_RATE_LIMIT = 5
# A CSRF failure (e.g. the form was open for too long) gets a page in the
# site's layout and language that explains what to do.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"


# 10. Caches and the page cache (pagecache app) ------------------------------------


def cache_from_url(url):
    """CACHE_URL: locmem:// (default; each process its own memory, which is
    enough because the page cache checks a content version kept in the
    database), redis://host:port/db (shared by all app servers) or dummy://."""
    scheme = url.split("://", 1)[0]
    if scheme == "locmem":
        # Pages are stored in up to three encodings (about 40 KB together);
        # 500 entries keep a worker below ~20 MB.
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": url.split("://", 1)[1] or "rdz",
            "OPTIONS": {"MAX_ENTRIES": 500},
        }
    if scheme in {"redis", "rediss", "unix"}:
        # Short timeouts: a Redis that hangs costs each request a fraction
        # of a second, not the client's default of several, and the site
        # carries on without the cache.
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "socket_timeout": CACHE_TIMEOUT,
                "socket_connect_timeout": CACHE_TIMEOUT,
            },
        }
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"CACHE_URL: unknown scheme {scheme!r}")


CACHES = {"default": cache_from_url(CACHE_URL)}
PAGE_CACHE_ALIAS = "default"
# Fields of scheduled visibility (any model): a stored page is served only
# until the next of these moments (pagecache.models.schedule_bounds).
PAGE_CACHE_SCHEDULE_FIELDS = ("visible_from", "visible_until")
# Entries of old versions or days are never read again; they expire or are
# culled. A day is long enough: the date is part of the key anyway.
PAGE_CACHE_SECONDS = 24 * 60 * 60
PAGE_CACHE_MAX_BYTES = 512 * 1024
# Never cached, whatever the response says.
PAGE_CACHE_EXCLUDED_PATHS = ("/admin/", "/healthz")
# The query parameters a page reads are named by its view in
# `page_cache_parameters` (pagecache/middleware.py); no others are part of
# its key. How long the time a page got its body is kept (its
# Last-Modified while the body stays the same).
PAGE_CACHE_MODIFIED_SECONDS = 30 * 24 * 60 * 60
# Set at a staff login, deleted at logout: the only way past the page cache
# (pagecache/staff.py).
PAGE_CACHE_STAFF_COOKIE = "__Host-staff" if HTTPS else "staff"
# Parameters with endless values (the search query): such requests are
# neither served from nor stored in the cache, so that they cannot push the
# real pages out.
PAGE_CACHE_UNSTORED_PARAMETERS = ("q",)
# How long a shared cache may still hand out a public page while the app
# servers answer with errors (Cache-Control stale-if-error; nginx's own
# proxy_cache_use_stale keeps serving longer, deploy/nginx/rdz-cache.conf).
SHARED_CACHE_STALE_IF_ERROR = 24 * 60 * 60
# 1 (default): while one request refreshes an expired copy in nginx, the
# others get the old one: one request per second and page reaches the app
# servers, and an edit shows within 1 s, except one saved in the very moment
# a refresh begins, which may show up to 2 s late. 0: an edit is visible
# through nginx within 1 s, always; when a copy expires under load, every
# request that arrives while it is refreshed goes to the app servers
# (docs/deployment.md, "nginx's page cache").
SHARED_CACHE_STALE_WHILE_REVALIDATE = {"": 1, "0": 0, "1": 1}.get(env("DJANGO_SHARED_CACHE_GRACE"))
if SHARED_CACHE_STALE_WHILE_REVALIDATE is None:
    raise ImproperlyConfigured("DJANGO_SHARED_CACHE_GRACE must be 1 (default) or 0.")
# Writes to these apps (or "app_label.model_name") do not change any public
# page; every other model counts as content and bumps the version.
PAGE_CACHE_IGNORED = (
    "admin",
    "links",
    "auth",
    "contenttypes",
    "sessions",
    "axes",
    "otp_totp",
    "otp_static",
    "pagecache",
    # The content's history: restoring an item saves the item, which bumps.
    "reversion",
    # No page shows feedback submissions or the form's rate-limit records;
    # they must not empty the cache.
    "legal.feedback",
    "legal.clientnetwork",
    "legal.submissionattempt",
    # The search index follows content writes, which bump the version already.
    "search.searchentry",
)


# 11. Third-party: django-axes (admin login throttling) ----------------------------

# Axes' backend must come first: it refuses a locked-out login before the
# password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed logins are counted in the database, not a cache: all workers share
# it. Our handler (core/login_throttle.py) adds a second, higher limit.
AXES_HANDLER = "core.login_throttle.LoginThrottleHandler"
# Five wrong passwords for one user name from one network (IPv4 /24, IPv6
# /48, as in the logs) lock that pair out for 15 minutes; twenty for one user
# name from anywhere lock the user name out. Other editors are not affected.
AXES_FAILURE_LIMIT = 5
AXES_USERNAME_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
# The pair first, the user name alone second (LoginThrottleHandler relies
# on this order).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_RESET_ON_SUCCESS = True
# The lockout page (templates/axes/lockout.html), in the site layout, status 429.
AXES_LOCKOUT_CALLABLE = "core.login_throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.login_throttle.client_network"
# Keep failed attempts only (needed for the lockout); successful logins are
# not logged with address and browser (data minimisation, GDPR).
AXES_DISABLE_ACCESS_LOG = True

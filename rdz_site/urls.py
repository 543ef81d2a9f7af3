from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from legal.urls import legal_patterns
from projects.urls import event_patterns, project_patterns
from search.views import SearchView

from . import machine_views, password_reset, views
from .sitemaps import SITEMAPS

urlpatterns = [
    # "Forgotten your password?" on the admin's login page (by e-mail).
    *password_reset.urlpatterns,
    path("admin/", admin.site.urls),
    # Machine-readable pages, one address each for both languages.
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        machine_views.sitemap_section,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", machine_views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", machine_views.security_txt, name="security_txt"),
    # The contacts' old German address: "Ansprechpersonen" is the one term for
    # them in URL, labels and Leichte Sprache. Bookmarks, links and the
    # vCards already handed out keep working, with a permanent redirect.
    re_path(
        r"^ansprechpartner/(?P<rest>.*)$",
        RedirectView.as_view(url="/ansprechpersonen/%(rest)s", permanent=True, query_string=True),
    ),
]

# German without a prefix at /, English under /en/. Path segments are
# translated through the message catalogues ("projekte/" <-> "projects/").
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path(_("projects/"), include((project_patterns, "projects"))),
    path(_("events/"), include((event_patterns, "events"))),
    path(_("contacts/"), include("contacts.urls")),
    path(_("search/"), SearchView.as_view(), name="search"),
    path("", include((legal_patterns, "legal"))),
    prefix_default_language=False,
)

# Error pages in the site's layout and the request's language (core/views.py).
handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from projects.urls import event_patterns, project_patterns

from . import views

urlpatterns = [
    path("admin/", admin.site.urls),
]

# German without a prefix at /, English under /en/. Path segments are
# translated through the message catalogues ("projekte/" <-> "projects/").
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path(_("projects/"), include((project_patterns, "projects"))),
    path(_("events/"), include((event_patterns, "events"))),
    path(_("contacts/"), include("contacts.urls")),
    prefix_default_language=False,
)

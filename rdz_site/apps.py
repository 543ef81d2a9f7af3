from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class RdzSiteConfig(AppConfig):
    """The project package. It has no models of its own any more; its
    migrations hand the legal pages to `legal` and drop the old search index."""

    name = "rdz_site"
    verbose_name = "RDZ Altmarkkreis Salzwedel"

    def ready(self):
        from rdz_site import checks  # noqa: F401 (registers the deploy checks)


class RedaktionAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the Redaktion's own AdminSite (rdz_site/admin.py).
    Named in INSTALLED_APPS instead of "django.contrib.admin"."""

    # Not the configuration of rdz_site itself (that is RdzSiteConfig).
    default = False
    default_site = "rdz_site.admin.RedaktionAdminSite"

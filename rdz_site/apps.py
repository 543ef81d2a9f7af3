from django.apps import AppConfig


class RdzSiteConfig(AppConfig):
    """The project package. It has no models of its own any more; its
    migrations hand the legal pages to `legal` and drop the old search index."""

    name = "rdz_site"
    verbose_name = "RDZ Altmarkkreis Salzwedel"

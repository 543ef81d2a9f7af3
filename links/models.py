from django.db import models
from django.utils.translation import gettext_lazy as _


class BrokenLink(models.Model):
    """An external link in the content that did not answer as it should the
    last time `manage.py check_links` ran; gone once it works again."""

    url = models.URLField(_("link"), max_length=2000)
    where = models.CharField(_("where"), max_length=300)
    edit_url = models.CharField(_("edit at"), max_length=300, blank=True)
    problem = models.CharField(_("problem"), max_length=200)
    first_seen = models.DateTimeField(_("broken since"))
    last_checked = models.DateTimeField(_("last checked"))

    class Meta:
        ordering = ("-first_seen", "url")
        verbose_name = _("broken link")
        verbose_name_plural = _("broken links")
        constraints = [
            models.UniqueConstraint(fields=("url", "where"), name="links_brokenlink_url_where")
        ]

    def __str__(self):
        return self.url


class LinkCheck(models.Model):
    """The last run of `manage.py check_links` that finished: the list of
    broken links says when it was made, so that an empty list is not
    mistaken for a check that never ran."""

    finished_at = models.DateTimeField(_("finished at"))
    links_checked = models.PositiveIntegerField(_("links checked"))

    class Meta:
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")

    def __str__(self):
        return str(self.finished_at)

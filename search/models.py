from django.db import models

# PostgreSQL full-text search configuration per language (stemming).
FULL_TEXT_CONFIGS = {"de": "german", "en": "english"}


def full_text_table(language):
    return ""


class SearchEntry(models.Model):
    """One searchable item (a project, goal, result, milestone, event, contact
    or organisation) in one language, as the page shows it: kept up to date
    by search/index.py whenever content is saved or deleted, so that a
    search is one query on one table."""

    kind = models.CharField(max_length=20)
    language = models.CharField(max_length=10)
    object_id = models.PositiveBigIntegerField()
    # Ascending order of the hits within their kind (the pages' own order).
    sort_key = models.TextField()
    title = models.TextField()
    url = models.TextField()
    context = models.TextField(blank=True)
    # The texts an excerpt may come from, best first.
    texts = models.JSONField(default=list)
    # Everything searchable, lower case, one field per line.
    body = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("kind", "object_id", "language"), name="search_entry_unique"
            )
        ]
        indexes = [models.Index(fields=("language", "kind", "sort_key"), name="search_entry_order")]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.language}): {self.title}"

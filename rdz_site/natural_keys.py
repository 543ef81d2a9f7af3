from django.db import models


class NaturalKeyManager(models.Manager):
    """Looks rows up by the fields a model names in `natural_key_fields`
    (e.g. ("project__slug", "order")), so that `loaddata` finds the row it
    loaded before and updates it instead of adding a duplicate. Combine it
    with a QuerySet via `NaturalKeyManager.from_queryset(...)`."""

    def get_by_natural_key(self, *values):
        return self.get(**dict(zip(self.model.natural_key_fields, values, strict=True)))

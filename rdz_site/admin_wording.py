"""Django's and django-reversion's own admin phrases that read badly in
German, named here so that `make messages` keeps our translations of them in
locale/ (whose catalogue Django prefers to the libraries' own). Nothing
imports this module; makemessages reads it.

Django's German builds phrases from a model's name with one fixed article
("Ausgewählte Projekt löschen", "Es kann unten erneut geändert werden" for
an event); ours name the entry instead, whatever the model's gender."""

from django.utils.translation import gettext_noop

ADMIN_PHRASES = (
    # Messages after saving.
    gettext_noop("You may edit it again below."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    # The symbols next to a selection box, and list headings.
    gettext_noop("Change selected %(model)s"),
    gettext_noop("Delete selected %(model)s"),
    gettext_noop("Delete selected %(verbose_name_plural)s"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("Select %s to change"),
    gettext_noop("Select %s to view"),
    gettext_noop(" By %(filter_title)s "),
    gettext_noop("Models in the %(name)s application"),
    # django-reversion's page for an earlier version.
    gettext_noop("Revert %(verbose_name)s"),
)

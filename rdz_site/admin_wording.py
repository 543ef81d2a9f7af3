"""Django's and django-reversion's own admin phrases that read badly (or
not at all) in German, named here so that `make messages` keeps our
translations of them in locale/ (whose catalogue Django prefers to the
libraries' own). Nothing imports this module; makemessages reads it.

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
    # Punctuation and grammar of Django's own German.
    gettext_noop("Start typing to filter…"),
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
)

# Phrases Django 5.2's German catalogue leaves in English: the user pages
# (where the administration makes editors' accounts) and the reset e-mail.
# The group chooser's own phrases are in locale/de/LC_MESSAGES/djangojs.po.
UNTRANSLATED = (
    gettext_noop("Conflicting form data submitted. Please try again."),
    gettext_noop("Password-based authentication was disabled."),
    gettext_noop("Set password: %s"),
    gettext_noop("Reset password"),
    gettext_noop("Set password"),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If "
        "disabled, they may still be able to authenticate using other backends, such "
        "as Single Sign-On or LDAP."
    ),
    gettext_noop("Password-based authentication"),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop(
        "This action will <strong>enable</strong> password-based authentication for this user."
    ),
    gettext_noop("Disable password-based authentication"),
    gettext_noop("Enable password-based authentication"),
    gettext_noop("In case you’ve forgotten, you are:"),
)

from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import ANY_LINE_BREAK, without_format_characters

from .models import Feedback


class FeedbackForm(forms.ModelForm):
    """The accessibility feedback form. `website` is a honeypot: hidden from
    people and assistive technology, filled in only by bots. Django renders
    aria-describedby (hint and error, templates/feedback/field.html uses its
    ids) and aria-invalid on each field."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    # The order the page shows them in, so that the error summary lists
    # errors in the same order as the fields.
    field_order = ("page", "message", "name", "email", "website")

    class Meta:
        model = Feedback
        fields = ("name", "email", "page", "message")
        labels = {
            "name": _("Your name"),
            "email": _("Your e-mail address"),
            "page": _("Page concerned"),
            "message": _("What is the problem?"),
        }
        help_texts = {
            "email": _("Only if you want an answer. We use it for nothing else."),
            "page": _("The address (URL) or the title of the page."),
            "message": _("Describe what you tried to do and what went wrong."),
        }
        error_messages = {
            "email": {"invalid": _("Enter an e-mail address like name@example.org.")},
            "page": {"required": _("Enter the page concerned.")},
            "message": {"required": _("Describe the problem.")},
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "page": forms.TextInput(attrs={"autocomplete": "off"}),
            "message": forms.Textarea(attrs={"rows": 8}),
        }

    def single_line(self, name):
        value = self.cleaned_data[name]
        if ANY_LINE_BREAK.search(value):
            raise forms.ValidationError(_("Enter this on one line."), code="line_break")
        return value

    def clean_name(self):
        return self.single_line("name")

    def clean_page(self):
        return self.single_line("page")

    def clean(self):
        cleaned_data = super().clean()
        # Bidi overrides (U+202E) and other invisible format characters
        # would let a text read differently than it is; no field needs them.
        for name, value in cleaned_data.items():
            if isinstance(value, str):
                cleaned_data[name] = without_format_characters(value)
        return cleaned_data

    @property
    def is_bot(self):
        """Checked before validation, so that a bot never sees an error message."""
        return bool(self.data.get(self.add_prefix("website")))

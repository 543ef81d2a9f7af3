from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views
from .models import LegalPage

Kind = LegalPage.Kind

# Included in the root URLconf under the namespace "legal"; the German
# segments come from the message catalogue ("legal-notice/" -> "impressum/").
legal_patterns = [
    path(_("legal-notice/"), views.LegalPageView.as_view(kind=Kind.IMPRINT), name="imprint"),
    path(_("privacy/"), views.LegalPageView.as_view(kind=Kind.PRIVACY), name="privacy"),
    path(
        _("accessibility/"),
        views.LegalPageView.as_view(kind=Kind.ACCESSIBILITY),
        name="accessibility",
    ),
    path(_("accessibility/feedback/"), views.FeedbackView.as_view(), name="feedback"),
    path(
        _("accessibility/feedback/thanks/"),
        views.FeedbackThanksView.as_view(),
        name="feedback_thanks",
    ),
    path(_("easy-read/"), views.LegalPageView.as_view(kind=Kind.EASY_READ), name="easy_read"),
]

from itertools import groupby

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import ListView

from rdz_site.mixins import BreadcrumbMixin

from .models import Contact


class ContactListView(BreadcrumbMixin, ListView):
    """All published contacts, grouped by their organisation."""

    template_name = "contacts/contact_list.html"
    context_object_name = "contacts"

    def get_queryset(self):
        return Contact.objects.listed()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["groups"] = [
            (organisation, list(contacts))
            for organisation, contacts in groupby(context["contacts"], key=lambda c: c.organisation)
        ]
        return context

    def get_breadcrumb(self):
        return [(reverse("contacts:list"), _("Contacts & more"))]

from itertools import groupby
from operator import itemgetter

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from core.mixins import BreadcrumbMixin
from core.prepared import PreparedRows

from . import queries, vcard
from .cards import card
from .models import Contact


class ContactListView(BreadcrumbMixin, ListView):
    """All published contacts, grouped by their organisation."""

    template_name = "contacts/contact_list.html"
    context_object_name = "contacts"
    # The county has a handful of contacts; should it ever have thousands,
    # pages of 25 stay small (HTML and JSON-LD) and render in a few ms.
    paginate_by = 25

    def get_queryset(self):
        return PreparedRows(queries.DIRECTORY)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisations = {organisation.pk: organisation for organisation in queries.ORGANISATIONS()}
        for contact in context["contacts"]:
            # An organisation saved between the two queries is missing from
            # the dict: then the contact loads its own.
            if contact.organisation_id in organisations:
                contact.organisation = organisations[contact.organisation_id]
        context["cards"] = [card(contact) for contact in context["contacts"]]
        context["groups"] = [
            (organisation, list(cards))
            for organisation, cards in groupby(context["cards"], key=itemgetter("organisation"))
        ]
        return context

    def get_breadcrumb(self):
        return [(reverse("contacts:list"), _("Contacts & more"))]


class ContactVCardView(DetailView):
    """A contact as a vCard 3.0 file for the address book."""

    def get_queryset(self):
        return Contact.objects.listed()

    def render_to_response(self, context, **response_kwargs):
        response = HttpResponse(vcard.contact_vcard(self.object), content_type=vcard.CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.object.slug}.vcf"'
        return response

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from core.mixins import BreadcrumbMixin, PageNumberMixin

from . import vcard
from .models import Contact


class ContactListView(PageNumberMixin, BreadcrumbMixin, ListView):
    """All published contacts; the template groups them by organisation."""

    template_name = "contacts/contact_list.html"
    context_object_name = "contacts"
    # The county has a handful of contacts; should it ever have thousands,
    # a page of 10 keeps the HTML and the JSON-LD small.
    paginate_by = 10
    # The page cache keys this page by its page number (pagecache).
    page_cache_parameters = ("page",)

    def get_queryset(self):
        # Each organisation's contacts next to each other, for {% regroup %}.
        return Contact.objects.listed().in_directory_order()

    def get_breadcrumb(self):
        return [(reverse("contacts:list"), _("Contacts"))]


class ContactVCardView(DetailView):
    """A contact as a vCard 3.0 file for the address book."""

    def get_queryset(self):
        return Contact.objects.listed()

    def render_to_response(self, context, **response_kwargs):
        response = HttpResponse(vcard.contact_vcard(self.object), content_type=vcard.CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.object.slug}.vcf"'
        return response

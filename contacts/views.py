from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, View

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


class ContactPlaceView(View):
    """A contact's (or, with `organisation`, an organisation's) lasting
    address, as search hits and other pages link to it: a redirect to its
    entry on the page of the contacts list that shows it now, which moves
    as contacts are added. 404 for one the list does not show."""

    organisation = False

    def get(self, request, slug):
        listed = Contact.objects.listed().in_directory_order()
        field = "organisation__slug" if self.organisation else "slug"
        slugs = list(listed.values_list(field, flat=True))
        if slug not in slugs:
            raise Http404
        page = slugs.index(slug) // ContactListView.paginate_by + 1
        query = f"?page={page}" if page > 1 else ""
        anchor = f"org-{slug}" if self.organisation else slug
        return redirect(f"{reverse('contacts:list')}{query}#{anchor}")

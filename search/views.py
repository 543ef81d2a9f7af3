"""The search page: a GET form and the hits of search.query.search()."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core.mixins import BreadcrumbMixin

from .query import HITS_PER_KIND, MAX_QUERY_LENGTH, clean_query, search


class SearchView(BreadcrumbMixin, TemplateView):
    """The search page: a GET form and the grouped results. No cookie, no
    POST, so results can be bookmarked and shared."""

    template_name = "search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        raw = self.request.GET.get("q", "")
        query, truncated = clean_query(raw)
        groups = search(query) if query else []
        context.update(
            query=query,
            submitted="q" in self.request.GET,
            truncated=truncated,
            max_length=MAX_QUERY_LENGTH,
            groups=groups,
            total=sum(group.total for group in groups),
            hits_per_kind=HITS_PER_KIND,
        )
        return context

    def get_breadcrumb(self):
        return [(reverse("search"), _("Search"))]

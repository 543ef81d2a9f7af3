from django.conf import settings
from django.utils.cache import patch_cache_control

from .context_processors import page_languages, same_page_in


class BreadcrumbMixin:
    """Adds `breadcrumb`, a list of (url, label) pairs below "Home", to the
    context; base.html renders it. The last pair is the page itself."""

    def get_breadcrumb(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumb"] = self.get_breadcrumb()
        return context


class PreviewMixin:
    """An item that is not published yet is shown at its public URL to a
    signed-in editor who may see it in the admin, marked as a draft
    (`is_draft` in the context, a banner in base.html) and never stored by a
    cache. Everyone else gets 404, as for any unknown address. Lists, feeds,
    calendars, the sitemap and the search ask `published()` and never show
    drafts.

    The view builds its queryset on `self.visible(Model.objects.all())`."""

    def can_preview(self, model):
        # Without a session cookie nobody is signed in: looking at
        # request.user would read the session and make the page vary on
        # Cookie, which keeps it out of the page cache for every visitor.
        if settings.SESSION_COOKIE_NAME not in self.request.COOKIES:
            return False
        user = self.request.user
        opts = model._meta
        return (
            user.is_active
            and user.is_staff
            and (
                user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
                or user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
            )
        )

    def visible(self, queryset):
        """What this request may see: published items, and drafts too for
        an editor."""
        return queryset if self.can_preview(queryset.model) else queryset.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_draft"] = not self.object.is_public()
        # The banner names a schedule: "Scheduled – public from …".
        context["preview_status"] = self.object.publication_status()
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("is_draft"):
            patch_cache_control(response, private=True, no_store=True)
        return response


class PageNumberMixin:
    """For a paginated ListView: from page 2 on, the canonical link and the
    same page in the other languages (hreflang, the language switcher)
    carry the page number, so that search engines take each page as its
    own and not as a copy of the first. Overrides what the `site` context
    processor puts there."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        number = context["page_obj"].number
        if number > 1:
            query = f"?page={number}"
            context["canonical_url"] = settings.SITE_URL + self.request.path + query
            context["page_languages"] = page_languages(
                lambda code: same_page_in(code, self.request) + query
            )
        return context

class BreadcrumbMixin:
    """Adds `breadcrumb`, a list of (url, label) pairs below "Home", to the
    context; base.html renders it. The last pair is the page itself."""

    def get_breadcrumb(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumb"] = self.get_breadcrumb()
        return context

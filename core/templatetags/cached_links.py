"""{% url %} and {% static %}, answered from a cache for the links every page
carries (header, footer, feeds, stylesheet, logo).

This library is a template builtin (settings.TEMPLATES), so its two tags
replace Django's tags of the same name in every template. They take the same
arguments and give the same URLs:

- {% url "name" %} and {% url "name" slug=... %}: reverse_cached()
  (rdz_site/links.py), a reverse() done once per name and language. Any other
  form - positional arguments, other keyword arguments, "as var" - is Django's
  own tag.
- {% static "path" %}: the (hashed) URL the storage gives, looked up once
  per path. The manifest of hashed names does not change while the process
  runs; a test that changes the static settings empties the cache.

A template that says {% load static %} gets Django's own {% static %} back:
the same URLs, uncached. This site's templates leave it out.

On a page that only lists a few rows, Django's two tags took a tenth of the
CPU time (README.md, "Performance").
"""

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import defaulttags
from django.templatetags import static as static_tags
from django.utils.html import conditional_escape

from core.links import reverse_cached

register = template.Library()


class CachedURLNode(defaulttags.URLNode):
    def render(self, context):
        if self.args or self.asvar or set(self.kwargs) - {"slug"}:
            return super().render(context)
        slug = str(self.kwargs["slug"].resolve(context)) if self.kwargs else None
        url = reverse_cached(self.view_name.resolve(context), slug)
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    return CachedURLNode(node.view_name, node.args, node.kwargs, node.asvar)


_static_urls = {}


class CachedStaticNode(static_tags.StaticNode):
    @classmethod
    def handle_simple(cls, path):
        try:
            return _static_urls[path]
        except KeyError:
            url = _static_urls[path] = super().handle_simple(path)
            return url


@register.tag
def static(parser, token):
    return CachedStaticNode.handle_token(parser, token)


@receiver(setting_changed)
def _forget_static_urls(**kwargs):
    _static_urls.clear()

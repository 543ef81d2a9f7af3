"""{% url %} and {% static %} from the cache (rdz_site/templatetags/
cached_links.py) give exactly what Django's own tags give."""

import pytest
from django.template import Context, Template, engines
from django.urls import NoReverseMatch
from django.utils import translation

from rdz_site.templatetags.cached_links import CachedStaticNode, CachedURLNode


def render(source, **context):
    return engines["django"].from_string(source).render(context)


def django_render(source, **context):
    """The same template with Django's own tags (no builtins of the site)."""
    return Template(source).render(Context(context))


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(
    "source",
    [
        "{% url 'home' %}",
        "{% url 'legal:imprint' %}",
        "{% url 'events:feed' %}",
        "{% url 'events:ical' slug=slug %}",
        "{% url 'projects:detail' slug=slug %}",
        "{% url 'admin:index' %}",
        "{% url 'events:ical' slug=slug as link %}[{{ link }}]",
        "{% url 'projects:detail' 'a-b' %}",
        "{% url name %}",
    ],
)
def test_url_is_djangos_url(source, language):
    with translation.override(language):
        ours = render(source, slug="tag-der-offenen-tuer", name="contacts:list")
        assert ours == django_render(source, slug="tag-der-offenen-tuer", name="contacts:list")
    assert ours.strip("[]").startswith("/")


def test_the_site_templates_use_the_cached_tags():
    template = engines["django"].from_string("{% url 'home' %}{% static 'css/site.css' %}")
    nodes = {type(node) for node in template.template.nodelist}
    assert {CachedURLNode, CachedStaticNode} <= nodes


def test_url_in_the_other_language_follows_the_active_one():
    with translation.override("de"):
        assert render("{% url 'events:list' %}") == "/veranstaltungen/"
    with translation.override("en"):
        assert render("{% url 'events:list' %}") == "/en/events/"


def test_url_errors_stay_djangos():
    with pytest.raises(NoReverseMatch):
        render("{% url 'no-such-page' %}")
    with pytest.raises(NoReverseMatch):
        render("{% url 'events:ical' slug='not a slug' %}")
    assert render("{% url 'no-such-page' as link %}[{{ link }}]") == "[]"


def test_static_follows_the_storage(settings):
    """The cache is emptied when the static settings change (as in tests):
    a URL never outlives the storage that made it."""
    source = "{% static 'css/site.css' %}"
    settings.STATIC_URL = "/static/"
    first = render(source)
    assert first == django_render("{% load static %}" + source) == "/static/css/site.css"
    settings.STATIC_URL = "https://cdn.example.org/assets/"
    assert render(source) == "https://cdn.example.org/assets/css/site.css"

"""The shortcuts the list pages take for speed give what Django's own
functions give: links from reverse() reversed once per language, dates and
times formatted without django.utils.formats, and the project page's lists
loaded without prefetch_related()."""

import datetime
import re

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import formats, timezone, translation

from contacts.models import Contact, Organisation
from projects.models import Event, Goal, Project, Result
from projects.templatetags.rdz import event_when, precise_date, time_tag
from rdz_site.links import reverse_cached

PROJECT = "regionales-digitalisierungszentrum"


def event_links(html):
    return re.findall(r'<h3 class="event-item__title"><a href="([^"]+)">', html)


@pytest.mark.parametrize(("language", "url"), [("de", "/veranstaltungen/"), ("en", "/en/events/")])
def test_event_links_are_those_reverse_gives(client, db, language, url):
    today = timezone.localdate()
    for i, slug in enumerate(["a", "b-2", "c_3", "Tag-der-offenen-Tuer-2025"]):
        Event.objects.create(
            slug=slug, title=slug, start_date=today + datetime.timedelta(days=i - 2)
        )
    response = client.get(url)
    with translation.override(language):
        expected = {
            reverse("events:detail", kwargs={"slug": event.slug}) for event in Event.objects.all()
        }
    assert set(event_links(response.content.decode())) == expected
    assert all(
        link.startswith("/en/events/" if language == "en" else "/veranstaltungen/")
        for link in expected
    )


@pytest.mark.parametrize(
    ("language", "url"), [("de", "/ansprechpartner/"), ("en", "/en/contacts/")]
)
def test_vcard_and_contact_links_are_those_reverse_gives(client, content, language, url):
    html = client.get(url).content.decode()
    with translation.override(language):
        for contact in Contact.objects.listed():
            vcard = reverse("contacts:vcard", kwargs={"slug": contact.slug})
            assert f'href="{vcard}"' in html
            assert contact.get_absolute_url() == reverse("contacts:list") + f"#{contact.slug}"


def test_cached_reverse_follows_language_and_script_prefix(db):
    with translation.override("en"):
        assert reverse_cached("projects:detail", "x_1-y") == "/en/projects/x_1-y/"
        assert reverse_cached("contacts:list") == "/en/contacts/"
    with translation.override("de"):
        assert reverse_cached("projects:detail", "x_1-y") == "/projekte/x_1-y/"
        set_script_prefix("/unter/")
        try:
            assert reverse_cached("events:detail", "a") == reverse("events:detail", args=["a"])
            assert reverse_cached("events:detail", "a") == "/unter/veranstaltungen/a/"
        finally:
            set_script_prefix("/")


@pytest.mark.parametrize("slug", ["", "ä", "a b", "a/b"])
def test_cached_reverse_refuses_what_reverse_refuses(db, slug):
    with pytest.raises(NoReverseMatch):
        reverse("events:detail", kwargs={"slug": slug})
    with pytest.raises(NoReverseMatch):
        reverse_cached("events:detail", slug)


@pytest.mark.parametrize("language", ["de", "en"])
def test_dates_and_times_read_as_django_formats_them(language):
    days = [datetime.date(2019, 12, 25) + datetime.timedelta(days=n) for n in range(0, 800, 7)]
    days += [datetime.date(1, 1, 1), datetime.date(999, 3, 9), datetime.date(9999, 12, 31)]
    with translation.override(language):
        for day in days:
            assert precise_date(day) == formats.date_format(day, "DATE_FORMAT")
            assert precise_date(day, "month") == formats.date_format(day, "YEAR_MONTH_FORMAT")
            assert precise_date(day, "year") == formats.date_format(day, "Y")
            assert time_tag(day) == (
                f'<time datetime="{day.strftime("%Y-%m-%d")}">'
                f"{formats.date_format(day, 'DATE_FORMAT')}</time>"
            )
        for hour in range(24):
            for minute in (0, 5, 30, 59):
                clock = datetime.time(hour, minute)
                event = Event(start_date=datetime.date(2021, 6, 28), start_time=clock)
                shown = formats.time_format(clock, "TIME_FORMAT")
                assert f">{shown}</time>" in event_when(event)


def test_datetimes_are_left_to_django():
    moment = datetime.datetime(2021, 6, 28, 14, 30)
    with translation.override("de"):
        assert precise_date(moment) == formats.date_format(moment, "DATE_FORMAT") == "28. Juni 2021"


def test_project_page_shows_each_result_under_its_own_goal(client, content):
    project = Project.objects.get(slug=PROJECT)
    other = Project.objects.create(
        slug="anderes", title_de="Anderes", summary_de="x", start_date=datetime.date(2020, 1, 1)
    )
    stray = Goal.objects.create(project=other, order=1, title_de="Fremdes Ziel")
    Result.objects.create(goal=stray, order=1, text_de="Fremdes Ergebnis")
    empty = Goal.objects.create(project=project, order=99, title_de="Ziel ohne Ergebnis")
    html = client.get(f"/projekte/{PROJECT}/").content.decode()
    for goal in project.goals.all():
        shown = re.findall(rf'<li id="result-{goal.order}-\d+">([^<]*)</li>', html)
        assert shown == [result.text for result in goal.results.order_by("order")]
    goal_item = html[html.index(f'id="goal-{empty.order}"') :]
    goal_item = goal_item[: goal_item.index("</li>")]
    assert "Ziel ohne Ergebnis" in goal_item
    assert "goals__results" not in goal_item
    assert "Fremdes Ergebnis" not in html


def test_project_page_lists_only_published_contacts_and_events(client, content):
    project = Project.objects.get(slug=PROJECT)
    organisation = Organisation.objects.first()
    hidden = Contact.objects.create(
        slug="verborgen", name="Verborgene Person", organisation=organisation, is_published=False
    )
    project.contacts.add(hidden)
    Event.objects.create(
        slug="entwurf",
        title="Entwurf",
        start_date=datetime.date(2030, 1, 1),
        project=project,
        is_published=False,
    )
    html = client.get(f"/projekte/{PROJECT}/").content.decode()
    assert "Verborgene Person" not in html
    assert "/veranstaltungen/entwurf/" not in html


def test_events_pages_count_the_past_events_alike_on_every_page(client, db):
    """The first page counts the past events as the published ones less the
    upcoming ones it lists; later pages count them directly."""
    today = timezone.localdate()
    for i in range(25):  # 25 past, 3 days apart
        Event.objects.create(
            slug=f"vorbei-{i}",
            title_de="Vorbei",
            start_date=today - datetime.timedelta(days=400 - 3 * i),
        )
    Event.objects.create(  # ongoing: started yesterday, ends tomorrow
        slug="laufend",
        title_de="Laufend",
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=1),
    )
    Event.objects.create(slug="heute", title_de="Heute", start_date=today)
    Event.objects.create(
        slug="gestern-bis-gestern",
        title_de="Vorbei",
        start_date=today - datetime.timedelta(days=3),
        end_date=today - datetime.timedelta(days=1),
    )
    Event.objects.create(
        slug="verborgen",
        title_de="Verborgen",
        start_date=today - datetime.timedelta(days=400),
        is_published=False,
    )
    assert Event.objects.past().count() == 26
    for url in ["/veranstaltungen/", "/veranstaltungen/?page=2", "/veranstaltungen/?page=last"]:
        response = client.get(url)
        assert response.context["paginator"].count == 26, url
        assert re.search(r"Seite \d von 3", response.content.decode()), url
    first = client.get("/veranstaltungen/").content.decode()
    assert 'href="/veranstaltungen/laufend/"' in first
    assert 'href="/veranstaltungen/heute/"' in first
    assert client.get("/veranstaltungen/?page=4").status_code == 404

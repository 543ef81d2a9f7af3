"""Every public page in both languages, read the way a visitor reads it: the
facts of the source text, one <h1>, the language switcher, the breadcrumb,
and the events page with and without upcoming events."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from contacts.models import Contact, Organisation
from projects.models import Event, Project
from tests.conftest import EVENT, PAGES, PROJECT

ALL_URLS = [(url, "de") for url, _ in PAGES] + [(url, "en") for _, url in PAGES]

GOALS = {
    "de": [
        "Erarbeitung einer Digitalen Agenda auf Basis einer systematischen Bestandsanalyse der "
        "Lebens- und Arbeitsbedingungen im Altmarkkreis Salzwedel",
        "Setzung von Impulsen für die Digitalisierung in Wirtschaft, Verwaltung und "
        "Zivilgesellschaft",
        "Stärkung der regionalen Netzwerkstruktur",
    ],
    "en": [
        "Drawing up a Digital Agenda based on a systematic baseline analysis of living and working "
        "conditions in the Altmarkkreis Salzwedel",
        "Giving impetus to digitalisation in business, public administration and civil society",
        "Strengthening the structure of regional networks",
    ],
}
# Parts of the results, nested under the first two goals; the third has none.
RESULTS = {
    "de": [
        [
            "Online-Befragungen",
            "Bürgerbefragung wurde im April 2020",
            "Unternehmensbefragung wurde im Dezember 2020",
            "am 28. Juni 2021 vom Kreistag beschlossen",
        ],
        ["Coworking-Space haus5 am 15. September 2021 in der Hansestadt Salzwedel"],
        [],
    ],
    "en": [
        [
            "Online surveys",
            "citizens' survey was successfully completed in April 2020",
            "business survey was successfully completed in December 2020",
            "adopted by the Kreistag (district council) on 28 June 2021",
        ],
        ["haus5 coworking space in the Hanseatic town of Salzwedel on 15 September 2021"],
        [],
    ],
}
PERIOD = {"de": "1. Juli 2019 – 30. Juni 2021", "en": "1 July 2019 – 30 June 2021"}
# The programme's maximum per centre, not a sum granted to this project.
FUNDING = {
    "de": (
        "bis zu 200.000 € je Zentrum (Förderhöchstbetrag)",
        "zuzüglich eines kommunalen Eigenanteils",
    ),
    "en": (
        "up to €200,000 per centre (maximum grant)",
        "plus the local authority's own contribution",
    ),
}


# A small DOM, enough to ask for elements and their visible text ----------------

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
INLINE = {"a", "abbr", "b", "code", "em", "i", "small", "span", "strong", "time"}


class Element:
    def __init__(self, tag, attrs):
        self.tag = tag
        self.attrs = {name: value or "" for name, value in attrs}
        self.children = []

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, **attrs):
        """Descendants by tag and attributes (class_ for class; a value of
        True only asks that the attribute is there)."""
        attrs = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and all(
                name in element.attrs
                if value is True
                else (
                    value in element.attrs.get(name, "").split()
                    if name == "class"
                    else element.attrs.get(name) == value
                )
                for name, value in attrs.items()
            )
        ]

    def find(self, tag=None, **attrs):
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag}> with {attrs}"
        return found[0]

    def _pieces(self):
        for child in self.children:
            if isinstance(child, str):
                yield child
            elif child.tag in {"script", "style", "template"}:
                continue
            elif child.tag in INLINE:
                yield from child._pieces()
            else:
                yield " "
                yield from child._pieces()
                yield " "

    @property
    def text(self):
        """The visible text, whitespace (including no-break spaces) collapsed."""
        # Soft hyphens (core/templatetags/language.py) are not part of the text.
        return re.sub(r"\s+", " ", "".join(self._pieces()).replace("\u00ad", "")).strip()


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [])
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs)
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, attrs))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html):
    builder = _Builder()
    builder.feed(html if isinstance(html, str) else html.decode())
    builder.close()
    return builder.root


def get_page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("text/html")
    return parse(response.content)


def main_text(page):
    return page.find("main").text


def de_en(language, german, english):
    return german if language == "de" else english


# Every page -------------------------------------------------------------------


@pytest.mark.parametrize(("german", "english"), PAGES)
def test_every_page_renders_in_both_languages(client, content, german, english):
    """One <h1>, the right lang, a skip link to <main>, a language switcher
    and hreflang alternates that lead to the same page in the other language."""
    for url, language, other, other_url, other_name in [
        (german, "de", "en", english, "English"),
        (english, "en", "de", german, "Deutsch"),
    ]:
        page = get_page(client, url)
        assert page.find("html").attrs["lang"] == language, url
        assert len(page.find_all("h1")) == 1, url
        assert page.find("h1").text, url
        assert len(page.find_all("main")) == 1, url
        skip_link = page.find("a", class_="skip-link")
        assert skip_link.attrs["href"] == "#" + page.find("main").attrs["id"], url

        switch = page.find("a", hreflang=other)
        assert (switch.attrs["href"], switch.text) == (other_url, other_name), url
        assert switch.attrs["lang"] == other, url

        alternates = {
            link.attrs["hreflang"]: link.attrs["href"]
            for link in page.find_all("link", rel="alternate", hreflang=True)
        }
        assert alternates["de"].endswith(german), url
        assert alternates["en"].endswith(english), url
        assert alternates["x-default"] == alternates["de"], url


# The facts of the source ----------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en"])
def test_project_page_shows_the_facts_of_the_source(client, content, language):
    url = PAGES[2][language == "en"]
    page = get_page(client, url)
    text = main_text(page)

    assert page.find("h1").text == de_en(
        language, "Regionales Digitalisierungszentrum", "Regional Digitalisation Centre"
    )
    assert PERIOD[language] in text
    assert de_en(language, "seit 2012", "Since 2012") in text
    assert de_en(language, "abgeschlossen", "completed") in text
    for fact in FUNDING[language]:
        assert fact in text

    # The quote: Michael Ziche was Landrat then, in July 2019.
    caption = page.find("figure", class_="quote").find("figcaption").text
    assert caption == de_en(
        language,
        "Michael Ziche, damals Landrat, Juli 2019",
        "Michael Ziche, then Landrat (head of the district administration), July 2019",
    )
    assert page.find("figure", class_="quote").find("time").attrs["datetime"] == "2019-07"
    quote = page.find("blockquote").text
    assert quote.startswith(
        de_en(
            language,
            "Der digitale Wandel ist für den ländlichen Raum",
            "The digital transformation is of great importance",
        )
    )

    # The three goals in order, each with its own results nested inside.
    goals = page.find("ol", class_="goals").find_all("li", class_="goals__goal")
    assert [goal.find("h3").text for goal in goals] == GOALS[language]
    for goal, expected in zip(goals, RESULTS[language], strict=True):
        results = [item.text for item in goal.find_all("li")]
        joined = " | ".join(results)
        for part in expected:
            assert part in joined
    assert len(goals[0].find_all("li")) == 2
    assert len(goals[1].find_all("li")) == 1
    assert goals[2].find_all("li") == []

    # Milestones as precise as the source: a year, a month, a day.
    timeline = page.find("ol", class_="timeline")
    dates = {time.attrs["datetime"]: time.text for time in timeline.find_all("time")}
    expected_dates = {
        "de": {
            "2012": "2012",
            "2020-04": "April 2020",
            "2020-12": "Dezember 2020",
            "2020-08-31": "31. August 2020",
            "2021-06-28": "28. Juni 2021",
            "2021-09-15": "15. September 2021",
        },
        "en": {
            "2012": "2012",
            "2020-04": "April 2020",
            "2020-12": "December 2020",
            "2020-08-31": "31 August 2020",
            "2021-06-28": "28 June 2021",
            "2021-09-15": "15 September 2021",
        },
    }[language]
    for datetime_attr, shown in expected_dates.items():
        assert dates[datetime_attr] == shown
    # No day is invented for dates the source gives only as a year or month.
    assert "2012-01-01" not in dates
    assert "2020-04-01" not in dates
    assert list(dates) == sorted(dates)
    assert "Tournee.Digital" in timeline.text

    # The kick-off of the Tournee.Digital on 31 August 2020, as a related event.
    event_link = page.find("a", href=PAGES[5][language == "en"])
    assert "Tournee.Digital" in event_link.text

    # The background and the funding box with the logo.
    assert (
        de_en(
            language,
            "Im Fokus steht dabei auch die Unterstützung kleiner und mittlerer Betriebe",
            "small and medium-sized businesses",
        )
        in text
    )
    funding = page.find("section", class_="funding")
    assert FUNDING[language][0] in funding.text
    assert (
        de_en(
            language,
            "Wirtschaftsministerium des Landes Sachsen-Anhalt",
            "Ministry of Economic Affairs of the State of Saxony-Anhalt",
        )
        in funding.text
    )
    logo = funding.find("img")
    assert logo.attrs["src"].endswith("img/foerderlogo_lsa_moderndenken.jpg")
    assert logo.attrs["width"] and logo.attrs["height"]
    assert "#moderndenken" in logo.attrs["alt"]

    # The breadcrumb follows the site's menu: Home > Projects > the project.
    nav = page.find("nav", class_="breadcrumb")
    assert nav.attrs["aria-label"]
    items = [item.text for item in nav.find_all("li")]
    trail = {
        "de": ["Startseite", "Projekte", "Regionales Digitalisierungszentrum"],
        "en": ["Home", "Projects", "Regional Digitalisation Centre"],
    }[language]
    assert items == trail
    assert nav.find("a", href=PAGES[1][language == "en"]).text == trail[1]
    # The last item is this page, marked as such.
    current = nav.find(aria_current="page")
    assert current.text == trail[-1]
    assert current.attrs.get("href", url) == url


@pytest.mark.parametrize("language", ["de", "en"])
def test_home_page_shows_the_key_facts_goals_and_latest_event(client, content, language):
    page = get_page(client, PAGES[0][language == "en"])
    text = main_text(page)
    assert PERIOD[language] in text
    for fact in FUNDING[language]:
        assert fact in text
    goal_list = page.find("ul", class_="goal-list")
    goals = [item.text for item in goal_list.find_all("span", class_="goal-list__goal")]
    assert goals == GOALS[language]
    # No upcoming events today: the latest ones, under a heading that says so.
    events = page.find("h2", id="events-heading")
    assert events.text == de_en(language, "Vergangene Veranstaltungen", "Past events")
    assert de_en(language, "31. August 2020", "31 August 2020") in text
    assert "Tournee.Digital" in text
    assert page.find("a", href=PAGES[2][language == "en"])


@pytest.mark.parametrize("language", ["de", "en"])
def test_project_list_shows_the_project_with_its_status_and_period(client, content, language):
    page = get_page(client, PAGES[1][language == "en"])
    card = page.find("li", class_="card")
    assert card.find("a").attrs["href"] == PAGES[2][language == "en"]
    assert PERIOD[language] in card.text
    assert card.find("span", class_="status").text == de_en(language, "abgeschlossen", "completed")
    times = [time.attrs["datetime"] for time in card.find_all("time")]
    assert times == ["2019-07-01", "2021-06-30"]


@pytest.mark.parametrize("language", ["de", "en"])
def test_project_list_derives_the_status_from_the_dates(client, content, language):
    today = timezone.localdate()
    Project.objects.create(
        title_de="Laufendes Projekt",
        title_en="Running project",
        slug="laufend",
        summary_de="Läuft noch.",
        summary_en="Still running.",
        start_date=today - datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=30),
    )
    Project.objects.create(
        title_de="Unbefristet",
        title_en="Open-ended",
        slug="unbefristet",
        summary_de="Ohne Ende.",
        start_date=today,
    )
    page = get_page(client, PAGES[1][language == "en"])
    status = {
        card.find("h2").text: card.find("span", class_="status").text
        for card in page.find_all("li", class_="card")
    }
    done, running = de_en(language, ("abgeschlossen", "laufend"), ("completed", "ongoing"))
    title = de_en(language, "Regionales Digitalisierungszentrum", "Regional Digitalisation Centre")
    assert status[title] == done
    assert status[de_en(language, "Laufendes Projekt", "Running project")] == running
    # Without an English title the German one is shown (fallback).
    assert status["Unbefristet" if language == "de" else "Open-ended"] == running


@pytest.mark.parametrize("language", ["de", "en"])
def test_contacts_page_groups_contacts_by_organisation(client, content, language):
    page = get_page(client, PAGES[3][language == "en"])
    section = page.find("section", class_="organisation")
    # A proper name, the same in both languages.
    assert section.find("h2").text == "Altmarkkreis Salzwedel"
    assert "Karl-Marx-Straße 32 29410 Hansestadt Salzwedel" in section.text
    phone = section.find("a", href="tel:+4939018400")
    assert phone.text == "03901 840-0"
    assert (
        section.find("a", href="https://www.altmarkkreis-salzwedel.de").text
        == "www.altmarkkreis-salzwedel.de"
    )
    contact = section.find("li", class_="contact")
    assert contact.find("h3").text == de_en(
        language, "Wirtschaftsförderung & Projekte", "Economic Development & Projects"
    )
    # The source gives no name, phone number or e-mail address: none is shown.
    assert not [
        a for a in contact.find_all("a") if a.attrs.get("href", "").startswith(("tel:", "mailto:"))
    ]
    assert not [a for a in page.find_all("a") if a.attrs.get("href", "").startswith("mailto:")]
    # Organisations without published contacts are not listed.
    assert len(page.find_all("section", class_="organisation")) == 1


def test_contacts_of_one_organisation_stay_together(client, content):
    """Two organisations in the same position, their contacts' names
    interleaved: still one section per organisation, in the admin's order."""
    first = Organisation.objects.create(slug="a", name_de="Amt A", kind="county_unit", order=5)
    second = Organisation.objects.create(slug="b", name_de="Amt B", kind="county_unit", order=5)
    for slug, name, organisation, order in [
        ("anna", "Anna", first, 2),
        ("bert", "Bert", second, 1),
        ("clara", "Clara", first, 1),
        ("dora", "Dora", second, 2),
    ]:
        Contact.objects.create(slug=slug, name=name, organisation=organisation, order=order)
    page = get_page(client, "/ansprechpersonen/")
    groups = {
        section.find("h2").text: [h3.text for h3 in section.find_all("h3")]
        for section in page.find_all("section", class_="organisation")
    }
    assert len(page.find_all("section", class_="organisation")) == len(groups) == 3
    assert groups["Amt A"] == ["Clara", "Anna"]
    assert groups["Amt B"] == ["Bert", "Dora"]
    assert list(groups)[0] == "Altmarkkreis Salzwedel"
    # Unpublished contacts are left out.
    Contact.objects.filter(slug="dora").update(is_published=False)
    assert "Dora" not in main_text(get_page(client, "/ansprechpersonen/"))


@pytest.mark.parametrize("language", ["de", "en"])
def test_event_detail_shows_date_place_and_project(client, content, language):
    page = get_page(client, PAGES[5][language == "en"])
    assert page.find("h1").text == de_en(
        language,
        "Auftaktveranstaltung der landesweiten Tournee.Digital",
        "Kick-off event of the state-wide Tournee.Digital",
    )
    when = page.find("time")
    assert when.attrs["datetime"] == "2020-08-31"
    assert when.text == de_en(language, "31. August 2020", "31 August 2020")
    text = main_text(page)
    assert "Salzwedel" in text
    assert page.find("a", href=PAGES[2][language == "en"])


# Events: upcoming first, a plain sentence when there are none, an archive ------


def make_event(slug, days_from_today, **fields):
    return Event.objects.create(
        slug=slug,
        title_de=fields.pop("title_de", f"Veranstaltung {slug}"),
        title_en=fields.pop("title_en", f"Event {slug}"),
        start_date=timezone.localdate() + datetime.timedelta(days=days_from_today),
        **fields,
    )


def sections(page):
    return {section.find("h2").attrs["id"]: section for section in page.find_all("section")}


@pytest.mark.parametrize("language", ["de", "en"])
def test_events_without_upcoming_ones_say_so_and_list_the_past(client, content, language):
    page = get_page(client, PAGES[4][language == "en"])
    found = sections(page)
    assert found["upcoming-heading"].find("p").text == de_en(
        language,
        "Zurzeit stehen hier keine kommenden Veranstaltungen. Vergangene Veranstaltungen "
        "finden Sie weiter unten.",
        "There are no upcoming events on this site at the moment. Past events are listed below.",
    )
    past = found["past-heading"]
    assert "Tournee.Digital" in past.text
    assert past.find("time").attrs["datetime"] == "2020-08-31"
    assert not page.find_all("nav", class_="pagination")


@pytest.mark.parametrize("language", ["de", "en"])
def test_upcoming_event_is_listed_first(client, content, language):
    make_event("zukunftstag", 10, title_de="Zukunftstag", title_en="Future day")
    make_event("heute", 0, title_de="Heute", title_en="Today")
    page = get_page(client, PAGES[4][language == "en"])
    found = sections(page)
    titles = [h3.text for h3 in found["upcoming-heading"].find_all("h3")]
    assert titles == (["Heute", "Zukunftstag"] if language == "de" else ["Today", "Future day"])
    assert "Tournee.Digital" not in found["upcoming-heading"].text
    assert "Tournee.Digital" in found["past-heading"].text
    ids = [section.find("h2").attrs["id"] for section in page.find_all("section")]
    assert ids.index("upcoming-heading") < ids.index("past-heading")
    # The home page now shows the next events instead of the latest.
    home = main_text(get_page(client, PAGES[0][language == "en"]))
    assert ("Zukunftstag" if language == "de" else "Future day") in home
    assert "Tournee.Digital" not in home


def test_unpublished_events_are_not_shown(client, content):
    make_event("geheim", 5, title_de="Geheim", is_published=False)
    assert "Geheim" not in main_text(get_page(client, "/veranstaltungen/"))
    assert client.get("/veranstaltungen/geheim/").status_code == 404


@pytest.mark.parametrize(
    ("fields", "german", "english", "datetimes"),
    [
        ({}, "3. März 2031", "3 March 2031", ["2031-03-03"]),
        (
            {"start_time": datetime.time(14)},
            "3. März 2031, 14:00 Uhr",
            "3 March 2031, 14:00",
            ["2031-03-03", "2031-03-03T14:00"],
        ),
        (
            {"start_time": datetime.time(14), "end_time": datetime.time(16, 30)},
            "3. März 2031, 14:00 – 16:30 Uhr",
            "3 March 2031, 14:00 – 16:30",
            ["2031-03-03", "2031-03-03T14:00", "2031-03-03T16:30"],
        ),
        (
            {"end_date": datetime.date(2031, 3, 4)},
            "3. März 2031 – 4. März 2031",
            "3 March 2031 – 4 March 2031",
            ["2031-03-03", "2031-03-04"],
        ),
        (
            {
                "start_time": datetime.time(18),
                "end_date": datetime.date(2031, 3, 4),
                "end_time": datetime.time(10),
            },
            "3. März 2031, 18:00 Uhr – 4. März 2031, 10:00 Uhr",
            "3 March 2031, 18:00 – 4 March 2031, 10:00",
            ["2031-03-03", "2031-03-03T18:00", "2031-03-04", "2031-03-04T10:00"],
        ),
    ],
)
def test_event_dates_and_times_in_both_languages(client, db, fields, german, english, datetimes):
    Event.objects.create(
        slug="workshop", title_de="Workshop", start_date=datetime.date(2031, 3, 3), **fields
    )
    for url, expected in [
        ("/veranstaltungen/workshop/", german),
        ("/en/events/workshop/", english),
    ]:
        when = get_page(client, url).find("dd")
        assert when.text == expected
        assert [time.attrs["datetime"] for time in when.find_all("time")] == datetimes


@pytest.mark.parametrize("language", ["de", "en"])
def test_event_archive_is_paginated(client, content, language):
    for number in range(25):
        make_event(f"archiv-{number:02d}", -100 - number)
    base = PAGES[4][language == "en"]

    first = get_page(client, base)
    assert len(sections(first)["past-heading"].find_all("li", class_="event-item")) == 10
    assert first.find("a", rel="next").attrs["href"] == "?page=2"
    assert not first.find_all("a", rel="prev")

    second = get_page(client, base + "?page=2")
    assert second.find("a", rel="next").attrs["href"] == "?page=3"
    assert second.find("a", rel="prev").attrs["href"] == "?page=1"
    assert (
        de_en(language, "Seite 2 von 3", "Page 2 of 3")
        in second.find("nav", class_="pagination").text
    )
    # Later pages are archive only.
    assert "upcoming-heading" not in sections(second)
    assert len(second.find_all("li", class_="event-item")) == 10

    last = get_page(client, base + "?page=3")
    # 25 made here plus the Tournee.Digital: six on the last page, the oldest last.
    items = last.find_all("li", class_="event-item")
    assert len(items) == 6
    assert not last.find_all("a", rel="next")
    assert last.find("a", rel="prev").attrs["href"] == "?page=2"
    # Newest first across pages: the Tournee.Digital (2020) is the oldest.
    assert "Tournee.Digital" in items[-1].text


# Not found, never a server error --------------------------------------------------


NOT_FOUND = [
    "/projekte/gibt-es-nicht/",
    "/en/projects/does-not-exist/",
    "/veranstaltungen/gibt-es-nicht/",
    "/en/events/does-not-exist/",
    "/veranstaltungen/?page=abc",
    "/veranstaltungen/?page=999",
    "/veranstaltungen/?page=0",
    "/veranstaltungen/?page=-1",
    "/veranstaltungen/?page=1.5",
    "/en/events/?page=abc",
    "/en/events/?page=999",
    "/projects/regionales-digitalisierungszentrum/",
    "/en/projekte/regionales-digitalisierungszentrum/",
    "/de/projekte/",
]


def test_unknown_pages_and_bad_page_numbers_are_404(client, content):
    for url in NOT_FOUND:
        assert client.get(url).status_code == 404, url
    # The last page can be asked for by name.
    assert client.get("/veranstaltungen/?page=last").status_code == 200


def test_unpublished_project_is_404_and_not_linked(client, content):
    Project.objects.filter(slug=PROJECT).update(is_published=False)
    assert client.get(f"/projekte/{PROJECT}/").status_code == 404
    for url in ("/", "/projekte/", f"/veranstaltungen/{EVENT}/"):
        links = [a.attrs.get("href", "") for a in get_page(client, url).find_all("a")]
        assert not [href for href in links if PROJECT in href], url


def test_pages_render_on_an_empty_database(client, empty_site):
    """Before the fixtures are loaded, pages without a slug still work."""
    for url, _language in ALL_URLS:
        expected = 404 if url.rstrip("/").endswith((PROJECT, EVENT)) else 200
        assert client.get(url).status_code == expected, url

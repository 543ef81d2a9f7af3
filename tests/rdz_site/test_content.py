"""What the site says, in both languages, checked the way a public-sector
editor checks it: nothing beyond the source text (no state presented as
finished, no cause, no outcome the source does not give), dates written out,
one term for one thing, the home page leading with what the RDZ was, and an
honest funding logo. The legal pages are in test_legal_content.py."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from tests.rdz_site.test_pages import get_page

PROJECT = "regionales-digitalisierungszentrum"
EVENT = "tournee-digital-auftakt-salzwedel"
FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"

# Every public page that shows content, German and English.
PAGES = {
    "de": [
        "/",
        "/projekte/",
        f"/projekte/{PROJECT}/",
        "/ansprechpersonen/",
        "/veranstaltungen/",
        f"/veranstaltungen/{EVENT}/",
        "/impressum/",
        "/datenschutz/",
        "/barrierefreiheit/",
        "/barrierefreiheit/feedback/",
        "/leichte-sprache/",
    ],
    "en": [
        "/en/",
        "/en/projects/",
        f"/en/projects/{PROJECT}/",
        "/en/contacts/",
        "/en/events/",
        f"/en/events/{EVENT}/",
        "/en/legal-notice/",
        "/en/privacy/",
        "/en/accessibility/",
        "/en/accessibility/feedback/",
        "/en/easy-read/",
    ],
}
ALL_PAGES = [(language, url) for language, urls in PAGES.items() for url in urls]

# Sentences and patterns that must appear nowhere: claims beyond the source
# and the wording the editors' review replaced.
FORBIDDEN = [
    # A state presented as finished: the source only says the fibre rollout
    # has been under way since 2012.
    (r"jetzt schnelles Internet", "the rollout is under way, not finished"),
    (r"now has fast internet", "the rollout is under way, not finished"),
    # An outcome the source does not give.
    (r"So können sie das schnelle Internet gut nutzen", "an outcome beyond the source"),
    (r"So they can make good use of the fast internet", "an outcome beyond the source"),
    # Plans nobody here knows of, and promises a feed cannot keep.
    (r"keine Veranstaltungen geplant", "nobody here knows what is planned"),
    (r"No events are planned", "nobody here knows what is planned"),
    (r"holt neue Veranstaltungen", "a subscription brings only what the district adds"),
    (r"fetches new events", "a subscription brings only what the district adds"),
    # The programme's cap per centre read as this project's grant.
    (r"bis zu 200\.000\s€(?! je Zentrum)", "the cap is per centre"),
    (r"up to €200,000(?! per centre)", "the cap is per centre"),
    # Dates in running text are written out.
    (r"\b\d{1,2}\.\d{1,2}\.\d{4}\b", "dates as '28. Juni 2021'"),
    # The site's name: the Altmark also includes the Landkreis Stendal.
    (r"RDZ Altmark(?!kreis)", "the site is the RDZ Altmarkkreis Salzwedel"),
    # One voice: no generic masculine, the DDG by its name, the district.
    (r"Ansprechpartner", "'Ansprechpersonen'"),
    (r"German Digital Services Act", "'Digitale-Dienste-Gesetz (DDG)'"),
    (r"municipal share", "'the local authority's own contribution'"),
    (r"\bcounty\b", "'district' in English"),
    # Leichte Sprache: no idiom.
    (r"sich an die Ombuds-Stelle wenden", "Leichte Sprache says 'schreiben Sie'"),
]


def section_of(page, heading_id):
    """The section a heading opens (sections carry no name: they are not
    landmarks)."""
    return next(s for s in page.find_all("section") if s.find_all(id=heading_id))


def violations(text):
    return [f"{pattern!r} ({why})" for pattern, why in FORBIDDEN if re.search(pattern, text, re.I)]


def visible_text(client, url):
    """Everything a visitor reads: the page's text, its title and the
    alternative texts of its images."""
    page = get_page(client, url)
    alts = [image.attrs.get("alt", "") for image in page.find_all("img")]
    return " ".join([page.find("title").text, page.find("body").text, *alts])


@pytest.mark.parametrize(("language", "url"), ALL_PAGES)
def test_no_page_states_more_than_the_source(client, content, language, url):
    assert not violations(visible_text(client, url)), url


def fixture_texts():
    """Every string value of every content fixture, with where it is."""
    for path in sorted(FIXTURES_DIR.glob("*.json")):
        for item in json.loads(path.read_text()):
            for field, value in item["fields"].items():
                if isinstance(value, str):
                    yield f"{path.name} {item['model']} {field}", value


def test_no_fixture_states_more_than_the_source():
    found = {where: violations(text) for where, text in fixture_texts()}
    assert not {where: problems for where, problems in found.items() if problems}


def test_the_check_catches_what_it_is_meant_to():
    """Guards the two tests above: each forbidden pattern matches its example."""
    for example in (
        "In der Altmark gibt es jetzt schnelles Internet.",
        "Förderung: bis zu 200.000 €",
        "up to €200,000 (plus a municipal share)",
        "am 28.06.2021",
        "am 15.9.2021",
        "RDZ Altmark",
        "Ihre Ansprechpartner",
        "the county's own strategy",
    ):
        assert violations(example), example
    assert not violations("bis zu 200.000 € je Zentrum (Förderhöchstbetrag), RDZ Altmarkkreis")


def test_the_event_names_no_organizer(client, content):
    for url in (f"/veranstaltungen/{EVENT}/", f"/en/events/{EVENT}/"):
        html = client.get(url).content.decode()
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        (event,) = [data for data in map(json.loads, blocks) if data["@type"] == "Event"]
        assert "organizer" not in event, url


# The home page leads with the RDZ ------------------------------------------------------


HOME = {
    "de": {
        "url": "/",
        "first": "Das Regionale Digitalisierungszentrum (RDZ) war ein vom Land Sachsen-Anhalt "
        "gefördertes Projekt des Altmarkkreises Salzwedel.",
        "finished": "Es lief vom 1. Juli 2019 bis zum 30. Juni 2021 und ist abgeschlossen.",
        "broadband": "Breitband",
        "results": ["Bürgerbefragung", "Unternehmensbefragung", "28. Juni 2021", "haus5"],
        "past": "Vergangene Veranstaltungen",
        "contacts": "Ansprechpersonen",
    },
    "en": {
        "url": "/en/",
        "first": "The Regional Digitalisation Centre (RDZ) was a project of the Altmarkkreis "
        "Salzwedel funded by the State of Saxony-Anhalt.",
        "finished": "It ran from 1 July 2019 to 30 June 2021 and is now finished.",
        "broadband": "broadband",
        "results": ["citizens' survey", "business survey", "28 June 2021", "haus5"],
        "past": "Past events",
        "contacts": "Contacts",
    },
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_home_page_says_first_what_the_rdz_was(client, content, language):
    expected = HOME[language]
    page = get_page(client, expected["url"])
    lead = page.find("p", class_="lead").text
    assert lead.startswith(expected["first"] + " " + expected["finished"])
    # The broadband background comes after.
    assert lead.index(expected["broadband"]) > len(expected["first"])


@pytest.mark.parametrize("language", ["de", "en"])
def test_home_page_shows_the_results(client, content, language):
    expected = HOME[language]
    section = section_of(get_page(client, expected["url"]), "goals-heading")
    results = " | ".join(item.text for item in section.find_all("ul", class_="goal-list__results"))
    for result in expected["results"]:
        assert result in results, result


@pytest.mark.parametrize("language", ["de", "en"])
def test_home_page_shows_past_events_as_past(client, content, language):
    expected = HOME[language]
    section = section_of(get_page(client, expected["url"]), "events-heading")
    assert section.find("h2").text == expected["past"]
    assert "Tournee.Digital" in section.text
    # Nothing between the heading and the list says that nothing is planned.
    assert [child.tag for child in section.children if not isinstance(child, str)][:2] == [
        "h2",
        "ul",
    ]


@pytest.mark.parametrize("language", ["de", "en"])
def test_home_page_contact_gives_the_switchboard(client, content, language):
    expected = HOME[language]
    section = section_of(get_page(client, expected["url"]), "contact-heading")
    assert section.find("h2").text == expected["contacts"]
    phone = section.find("a", href="tel:+4939018400")
    assert phone.text == "03901 840-0"


# One term for the contact section --------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "term", "home", "contacts", "project"),
    [
        ("de", "Ansprechpersonen", "/", "/ansprechpersonen/", f"/projekte/{PROJECT}/"),
        ("en", "Contacts", "/en/", "/en/contacts/", f"/en/projects/{PROJECT}/"),
    ],
)
def test_one_term_in_menu_heading_breadcrumb_and_home(
    client, content, language, term, home, contacts, project
):
    page = get_page(client, contacts)
    nav = page.find("nav", class_="site-nav")
    assert nav.find("a", href=contacts).text == term
    assert page.find("h1").text == term
    assert page.find("title").text.startswith(term + " – ")
    breadcrumb = page.find("nav", class_="breadcrumb")
    assert breadcrumb.find(aria_current="page").text == term
    home_page = get_page(client, home)
    assert home_page.find("h2", id="contact-heading").text == term
    assert section_of(home_page, "contact-heading").find_all("a", href=contacts)
    assert get_page(client, project).find("h2", id="project-contacts-heading").text == term


# The site's name -------------------------------------------------------------------------


SITE_NAME = "RDZ Altmarkkreis Salzwedel"


@pytest.mark.parametrize(
    ("url", "feed_title"),
    [("/", "Veranstaltungen – RDZ Altmarkkreis Salzwedel"), ("/en/", f"Events – {SITE_NAME}")],
)
def test_the_site_is_named_for_the_altmarkkreis(client, content, url, feed_title):
    page = get_page(client, url)
    assert page.find("span", class_="site-header__name").text == SITE_NAME
    assert page.find("title").text.endswith(f" – {SITE_NAME}")
    assert page.find("meta", property="og:site_name").attrs["content"] == SITE_NAME
    events = url + ("veranstaltungen/" if url == "/" else "events/")
    feeds = get_page(client, events).find_all("link", rel="alternate", title=feed_title)
    assert len(feeds) == 2  # Atom and iCalendar
    atom = client.get(events + "feed.atom").content.decode()
    assert f"<title>{feed_title}</title>" in atom
    calendar = client.get(events + ("kalender.ics" if url == "/" else "calendar.ics"))
    text = calendar.content.decode()
    assert f"X-WR-CALNAME:{feed_title}" in text
    assert f"PRODID:-//Altmarkkreis Salzwedel//{SITE_NAME}//DE" in text


# The events page promises nothing a subscription cannot keep --------------------------


@pytest.mark.parametrize(
    ("url", "promise"),
    [
        (
            "/veranstaltungen/",
            "Wenn der Landkreis hier eine Veranstaltung einträgt, erscheint sie auch dort.",
        ),
        ("/en/events/", "When the district adds an event to this site, it appears there too."),
    ],
)
def test_the_subscription_promises_only_what_the_district_adds(client, content, url, promise):
    feeds = section_of(get_page(client, url), "feeds-heading")
    assert promise in feeds.text


# The funding logo ------------------------------------------------------------------------

LOGO = Path(settings.BASE_DIR) / "static" / "img" / "foerderlogo_lsa_moderndenken.jpg"
STAND_IN_MARKER = b"RDZ stand-in, not the official funding logo"
ALT = {
    "de": {
        True: "Platzhalter für das Förderlogo des Landes Sachsen-Anhalt: "
        "Gefördert durch das Land Sachsen-Anhalt, #moderndenken",
        False: "Gefördert vom Land Sachsen-Anhalt – #moderndenken",
    },
    "en": {
        True: "Stand-in for the State of Saxony-Anhalt's funding logo: "
        "funded by the State of Saxony-Anhalt, #moderndenken",
        False: "Funded by the State of Saxony-Anhalt – #moderndenken",
    },
}


def logo_is_the_stand_in():
    """scripts/make_funding_logo.py marks its drawing in the JPEG comment."""
    with Image.open(LOGO) as image:
        return image.info.get("comment") == STAND_IN_MARKER


@pytest.mark.parametrize(
    ("language", "url"),
    [
        ("de", "/"),
        ("de", f"/projekte/{PROJECT}/"),
        ("en", "/en/"),
        ("en", f"/en/projects/{PROJECT}/"),
    ],
)
def test_the_funding_logo_alt_text_says_what_the_file_is(client, content, language, url):
    """While the stand-in is used, its alt text says so (WCAG 1.1.1). Whoever
    puts the official file in place switches the alt text in the same change
    (docs/deployment.md, "The funding logo"), or this test fails."""
    logos = [
        image
        for image in get_page(client, url).find_all("img")
        if image.attrs["src"].endswith("foerderlogo_lsa_moderndenken.jpg")
    ]
    assert logos
    for logo in logos:
        assert logo.attrs["alt"] == ALT[language][logo_is_the_stand_in()]


def test_the_shipped_logo_is_the_marked_stand_in():
    assert logo_is_the_stand_in()


def test_the_deployment_guide_says_how_to_swap_the_logo():
    guide = (Path(settings.BASE_DIR) / "docs" / "deployment.md").read_text()
    section = guide[guide.index("## The funding logo") :]
    section = section[: section.index("\n## ", 1)]
    for needed in ("foerderlogo_lsa_moderndenken.jpg", "templates/includes/funding_logo.html"):
        assert needed in section, needed
    assert "official_alt" in section and "standin_alt" in section


# Project page: the breadcrumb follows the menu --------------------------------------------


@pytest.mark.parametrize(
    ("url", "trail"),
    [
        (f"/projekte/{PROJECT}/", ["Startseite", "Projekte", "Regionales Digitalisierungszentrum"]),
        (f"/en/projects/{PROJECT}/", ["Home", "Projects", "Regional Digitalisation Centre"]),
    ],
)
def test_project_breadcrumb_follows_the_menu(client, content, url, trail):
    page = get_page(client, url)
    items = [item.text for item in page.find("nav", class_="breadcrumb").find_all("li")]
    assert items == trail
    menu = [link.text for link in page.find("nav", class_="site-nav").find_all("a")]
    assert trail[0] in menu and trail[1] in menu

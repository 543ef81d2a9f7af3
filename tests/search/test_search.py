"""The search page: it finds the seeded content in both languages, groups the
hits by kind with links, and gives a page (never a 500) for any query."""

import datetime
import re

import pytest

from contacts.models import Contact, Organisation
from projects.models import Event, Project
from search.query import HITS_PER_KIND, MAX_QUERY_LENGTH, search

PROJECT = "regionales-digitalisierungszentrum"


def get_search(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    # A GET form and no cookie: nothing to consent to, results can be shared.
    assert not response.cookies
    return response.content.decode()


def main(html):
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize(
    ("url", "query", "heading", "link"),
    [
        (
            "/suche/",
            "Glasfaser",
            "Meilensteine (1)",
            f"/projekte/{PROJECT}/#milestone-breitbandfoerderprojekt",
        ),
        (
            "/en/search/",
            "fibre",
            "Milestones (1)",
            f"/en/projects/{PROJECT}/#milestone-breitbandfoerderprojekt",
        ),
        ("/suche/", "haus5", "Ergebnisse (1)", f"/projekte/{PROJECT}/#result-2-1"),
        ("/en/search/", "HAUS5 coworking", "Results (1)", f"/en/projects/{PROJECT}/#result-2-1"),
        (
            "/suche/",
            "Tournee",
            "Veranstaltungen (1)",
            "/veranstaltungen/tournee-digital-auftakt-salzwedel/",
        ),
        (
            "/en/search/",
            "tournee kick-off",
            "Events (1)",
            "/en/events/tournee-digital-auftakt-salzwedel/",
        ),
        (
            "/suche/",
            "Wirtschaftsförderung",
            "Ansprechpersonen (1)",
            "/ansprechpersonen/wirtschaftsfoerderung-projekte/",
        ),
        (
            "/en/search/",
            "Karl-Marx",
            "Organisations (1)",
            "/en/contacts/organisation/altmarkkreis-salzwedel/",
        ),
    ],
)
def test_search_finds_seeded_content(client, content, url, query, heading, link):
    html = main(get_search(client, url, q=query))
    label = re.escape(heading.split(" (")[0])
    label = rf'<span id="results-[a-z]+-label">{label}</span>'
    assert re.search(rf"<h2[^>]*>{label} <span[^>]*>\(", html)
    assert heading.split(" ")[-1] in html
    assert f'href="{link}"' in html
    # The matching words are marked in the excerpt.
    assert "<mark>" in html


@pytest.mark.parametrize(
    ("url", "anchor"),
    [
        (f"/projekte/{PROJECT}/", 'id="milestone-breitbandfoerderprojekt"'),
        (f"/projekte/{PROJECT}/", 'id="result-2-1"'),
        (f"/projekte/{PROJECT}/", 'id="goal-1"'),
    ],
)
def test_result_anchors_exist_on_the_project_page(client, content, url, anchor):
    assert anchor in client.get(url).content.decode()


def test_search_only_finds_the_current_language(client, content):
    # "fibre" is English only, "Glasfaser" German only.
    assert "Nichts gefunden" in get_search(client, "/suche/", q="fibre")
    assert "Nothing was found" in get_search(client, "/en/search/", q="Glasfaser")


def test_english_search_falls_back_to_german_text_where_english_is_empty(db):
    Event.objects.create(
        slug="sprechstunde",
        title_de="Digitale Sprechstunde",
        title_en="",
        start_date=datetime.date(2030, 1, 1),
    )
    (group,) = search("Sprechstunde", "en")
    assert (group.kind, group.total, group.hits[0].url) == ("events", 1, "/en/events/sprechstunde/")


def test_unpublished_content_is_not_found(db):
    Event.objects.create(
        slug="entwurf",
        title_de="Geheimer Entwurf",
        start_date=datetime.date(2030, 1, 1),
        is_published=False,
    )
    assert search("Geheimer", "de") == []


def test_results_of_all_kinds_come_from_two_queries(content, django_assert_num_queries):
    for day in range(1, 26):
        Event.objects.create(
            slug=f"salzwedel-{day}",
            title_de=f"Treffen in Salzwedel {day}",
            start_date=datetime.date(2030, 1, day),
        )
    with django_assert_num_queries(2):
        groups = search("Salzwedel", "de")
    events = next(group for group in groups if group.kind == "events")
    # 25 new events plus the Tournee kick-off in Salzwedel; the first 10 are shown.
    assert (events.total, len(events.hits)) == (26, HITS_PER_KIND) == (26, 10)
    assert {"projects", "results", "events", "organisations"} <= {group.kind for group in groups}


def test_kinds_are_listed_in_the_sites_order(client, empty_site):
    """Each app says what the search finds of it; the page lists the kinds
    in the order search/index.py gives: the project's own content
    first, the contacts last."""
    project = Project.objects.create(
        slug="zebra", title_de="Zebrastreifen", start_date=datetime.date(2020, 1, 1)
    )
    goal = project.goals.create(order=1, title_de="Zebra-Ziel")
    goal.results.create(order=1, text_de="Zebra-Ergebnis")
    project.milestones.create(slug="zebra", title_de="Zebra-Meilenstein", date=project.start_date)
    Event.objects.create(slug="zebra", title_de="Zebra-Treffen", start_date=project.start_date)
    organisation = Organisation.objects.create(
        slug="zebra", name_de="Zebra e. V.", kind="association"
    )
    Contact.objects.create(slug="zebra", name="Zebra Beispiel", organisation=organisation)

    html = main(get_search(client, "/suche/", q="zebra"))
    kinds = re.findall(r'<h2 id="results-([a-z]+)">', html)
    assert kinds == [
        "projects", "goals", "results", "milestones", "events", "contacts", "organisations"
    ]  # fmt: skip


def test_empty_query_shows_form_and_hint(client, db):
    html = main(get_search(client, "/suche/"))
    assert '<input type="search" id="search-q" name="q" value=""' in html
    assert "Geben Sie ein Wort ein" in html
    html = main(get_search(client, "/en/search/", q="   "))
    assert "Please enter a search term." in html


HOSTILE = [
    "a" * 1000,
    "%",
    "_",
    "\\",
    "'",
    '"',
    "' OR 1=1 --",
    "\x00",
    "Glas\x00faser",
    "😀",
    "%_\\'\"😀",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "\u202e\ufeff",
]


# Each query once, in alternating languages, to keep the suite quick.
@pytest.mark.parametrize(
    ("url", "query"),
    [(("/suche/", "/en/search/")[index % 2], query) for index, query in enumerate(HOSTILE)],
)
def test_hostile_queries_give_a_page(client, content, url, query):
    html = get_search(client, url, q=query)
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "\x00" not in html


def test_bytes_that_are_not_utf8_give_a_page(client, db):
    response = client.get("/suche/?q=%ED%A0%80%FF%C3")
    assert response.status_code == 200


def test_html_in_the_query_is_shown_escaped(client, db):
    html = main(get_search(client, "/en/search/", q="<b>bold</b>"))
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<b>bold</b>" not in html


def test_overlong_query_is_cut_and_the_page_says_so(client, db):
    html = main(get_search(client, "/suche/", q="x" * 1000))
    assert f'value="{"x" * MAX_QUERY_LENGTH}"' in html
    assert "x" * (MAX_QUERY_LENGTH + 1) not in html
    assert f"länger als {MAX_QUERY_LENGTH} Zeichen" in html


def test_search_is_in_the_navigation(client, db):
    html = client.get("/en/").content.decode()
    assert '<a href="/en/search/">Search</a>' in html


def test_control_characters_are_removed_from_the_query(client, db):
    html = main(get_search(client, "/suche/", q="Glas\x00\u202efaser\x07"))
    assert 'value="Glas faser"' in html

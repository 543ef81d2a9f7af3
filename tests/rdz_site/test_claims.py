"""Nothing beyond the source: every page and machine output claims only what
the fixtures (taken from the source text) say. No funding programme title,
no event status or format, no organiser, the Tournee.Digital as the state's
tour and the broadband project "unter dem Dach des Zweckverbandes"."""

import pytest

from tests.conftest import EVENT, PAGES

MACHINE = [
    "/veranstaltungen/feed.atom",
    "/en/events/feed.atom",
    "/veranstaltungen/kalender.ics",
    "/en/events/calendar.ics",
    f"/veranstaltungen/{EVENT}.ics",
    "/ansprechpersonen/wirtschaftsfoerderung-projekte.vcf",
    "/sitemap.xml",
]
INVENTED = [
    # The funding programme's title (the source names none).
    "Förderung regionaler Digitalisierungszentren",
    "Funding of regional digitalisation centres",
    "Förderprogramm",
    "Programme",
    # Event status, format and organiser.
    "EventScheduled",
    "eventStatus",
    "eventAttendanceMode",
    "OfflineEventAttendanceMode",
    "STATUS:CONFIRMED",
    "organizer",
    "ORGANIZER",
    "Veranstalter",
    # The Zweckverband as the actor of the broadband project.
    "Zweckverband Breitband Altmark setzt",
    # The state-wide tour as the RDZ's own event.
    "Veranstaltungen des Regionalen",
    "Events of the Regional",
]


def urls():
    return [url for pair in PAGES for url in pair] + MACHINE


@pytest.mark.parametrize("url", urls())
def test_no_page_claims_more_than_the_fixtures(client, content, url):
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    body = response.content.decode()
    found = [phrase for phrase in INVENTED if phrase in body]
    assert found == [], f"{url} claims {found}"


def test_the_feed_presents_the_tour_as_related_not_as_the_rdz_own(client, content):
    body = client.get("/veranstaltungen/feed.atom").content.decode()
    assert "im Zusammenhang mit dem Regionalen Digitalisierungszentrum" in body
    assert "landesweiten Tournee.Digital" in body

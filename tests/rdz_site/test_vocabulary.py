"""One vocabulary: one term for contacts in URL, labels and Leichte Sprache,
gender-fair German, English without additions to proper names, one phone
format, and German terms on English pages marked as German."""

import re

import pytest

from tests.conftest import PAGES

LEGAL_EN = ["/en/legal-notice/", "/en/privacy/", "/en/accessibility/", "/en/easy-read/"]
ALL = (
    [url for pair in PAGES for url in pair]
    + LEGAL_EN
    + [
        "/impressum/",
        "/datenschutz/",
        "/barrierefreiheit/",
        "/leichte-sprache/",
    ]
)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/ansprechpartner/", "/ansprechpersonen/"),
        ("/ansprechpartner/?page=1", "/ansprechpersonen/?page=1"),
        (
            "/ansprechpartner/wirtschaftsfoerderung-projekte.vcf",
            "/ansprechpersonen/wirtschaftsfoerderung-projekte.vcf",
        ),
    ],
)
def test_the_old_contacts_address_redirects_permanently(client, content, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def main_text(client, url):
    html = client.get(url).content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r"<[^>]+>", "", main)


@pytest.mark.parametrize("url", ALL)
def test_one_voice_on_every_page(client, content, url):
    text = main_text(client, url)
    for phrase in (
        "Ansprechpartner",
        "Ansprech-Personen.",
        "Verantwortlicher",
        "der/des",
        "(district)",
        "+49 3901",
        "systematic review",
        "named above",
    ):
        assert phrase not in text, f"{url}: {phrase}"


@pytest.mark.parametrize(
    ("url", "terms"),
    [
        ("/en/legal-notice/", {"Körperschaft des öffentlichen Rechts", "Landrat"}),
        (
            "/en/accessibility/",
            {
                "Ombudsstelle",
                "Landesfachstelle für Barrierefreiheit Sachsen-Anhalt",
                # The link's text: one German phrase, its "der" included.
                "Ombudsstelle der Landesfachstelle für Barrierefreiheit Sachsen-Anhalt",
            },
        ),
        (
            "/en/projects/regionales-digitalisierungszentrum/",
            {"Kreistag", "Landrat"},
        ),
    ],
)
def test_german_terms_on_english_pages_are_marked(client, content, url, terms):
    html = client.get(url).content.decode()
    marked = set(re.findall(r'<span lang="de">([^<]*)</span>', html))
    assert terms <= marked, marked
    # Every occurrence, not only the first.
    unmarked = re.sub(r'<span lang="de">[^<]*</span>', "", html.split("<main", 1)[1])
    for term in terms:
        assert term not in unmarked, term


def test_german_pages_need_no_marks(client, content):
    assert (
        'lang="de">Kreistag'
        not in client.get("/projekte/regionales-digitalisierungszentrum/").content.decode()
    )

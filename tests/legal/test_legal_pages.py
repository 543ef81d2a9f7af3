import re

import pytest

from legal.models import LegalPage, sanitize_html

PAGES = {
    ("de", "imprint"): ("/impressum/", "Impressum"),
    ("en", "imprint"): ("/en/legal-notice/", "Legal notice"),
    ("de", "privacy"): ("/datenschutz/", "Datenschutzerklärung"),
    ("en", "privacy"): ("/en/privacy/", "Privacy policy"),
    ("de", "accessibility"): ("/barrierefreiheit/", "Erklärung zur Barrierefreiheit"),
    ("en", "accessibility"): ("/en/accessibility/", "Accessibility statement"),
    ("de", "easy_read"): ("/leichte-sprache/", "Leichte Sprache"),
    ("en", "easy_read"): ("/en/easy-read/", "Easy read"),
}
OTHER = {"de": "en", "en": "de"}


@pytest.mark.parametrize(("language", "kind"), PAGES)
def test_page_renders_with_title_breadcrumb_and_switcher(client, content, language, kind):
    url, title = PAGES[language, kind]
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert html.count("<h1") == 1
    assert f"<h1>{title}</h1>" in html
    start = html.index('class="breadcrumb')
    breadcrumb = html[start : html.index("</nav>", start)]
    assert f'aria-current="page">{title}<' in breadcrumb
    other_url = PAGES[OTHER[language], kind][0]
    assert f'href="{other_url}" hreflang="{OTHER[language]}"' in html
    assert not response.cookies


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_page_links_the_legal_pages(client, content, language):
    html = client.get("/" if language == "de" else "/en/").content.decode()
    footer = html[html.index("<footer") :]
    header = html[html.index("<header") : html.index("</header>")]
    for kind in ("imprint", "privacy", "accessibility"):
        assert f'href="{PAGES[language, kind][0]}"' in footer
    assert f'href="{PAGES[language, "easy_read"][0]}"' in header


@pytest.mark.parametrize("language", ["de", "en"])
def test_imprint_names_the_county_and_leaves_unknowns_out(client, content, language):
    html = client.get(PAGES[language, "imprint"][0]).content.decode()
    assert "Altmarkkreis Salzwedel" in html
    assert "Karl-Marx-Straße 32" in html
    assert "29410 Hansestadt Salzwedel" in html
    assert 'href="tel:+4939018400">03901 840-0</a>' in html
    assert "www.altmarkkreis-salzwedel.de" in html
    assert "Landrat" in html
    # The Landrat quoted in 2019 is not presented as today's representative.
    assert "Ziche" not in html
    assert "mailto:" not in html
    assert "USt" not in html and "VAT" not in html


@pytest.mark.parametrize(
    ("language", "facts"),
    [
        (
            "de",
            [
                "Art. 6 Abs. 1 Buchstabe e DSGVO",
                "gelöscht nach 14 Tagen",
                "gelöscht nach 365 Tagen",
                "csrftoken",
                "sessionid",
                "Landesbeauftragte für den Datenschutz Sachsen-Anhalt",
                "Otto-von-Guericke-Straße 34a",
                "39104 Magdeburg",
                "Art. 77 DSGVO",
            ],
        ),
        (
            "en",
            [
                "Article 6(1)(e) GDPR",
                "deleted after 14 days",
                "deleted after 365 days",
                "csrftoken",
                "sessionid",
                "Landesbeauftragte für den Datenschutz Sachsen-Anhalt",
                "Otto-von-Guericke-Straße 34a",
                "39104 Magdeburg",
                "Article 77 GDPR",
            ],
        ),
    ],
)
def test_privacy_policy_states_the_facts(client, content, language, facts):
    html = client.get(PAGES[language, "privacy"][0]).content.decode()
    for fact in facts:
        assert fact in html, fact


def test_privacy_policy_quotes_the_configured_retention(client, content, settings):
    settings.FEEDBACK_RETENTION_DAYS = 90
    html = client.get("/en/privacy/").content.decode()
    assert "deleted after 90 days" in html


@pytest.mark.parametrize(
    ("language", "facts"),
    [
        (
            "de",
            [
                "teilweise",
                "Gebärdensprache",
                "Selbstbewertung",
                'href="/barrierefreiheit/feedback/"',
                "BGG LSA",
                'href="https://www.lf-barrierefreiheit-st.de/ueber-uns/ombudsstelle"',
                "innerhalb eines Monats",
            ],
        ),
        (
            "en",
            [
                "partially compliant",
                "Sign Language",
                "Self-assessment",
                'href="/en/accessibility/feedback/"',
                "BGG LSA",
                'href="https://www.lf-barrierefreiheit-st.de/ueber-uns/ombudsstelle"',
                "within one month",
            ],
        ),
    ],
)
def test_accessibility_statement_follows_the_model(client, content, language, facts):
    html = client.get(PAGES[language, "accessibility"][0]).content.decode()
    for fact in facts:
        assert fact in html, fact


def test_accessibility_statement_shows_dates_once_known(client, content):
    import datetime

    LegalPage.objects.filter(kind="accessibility").update(
        statement_date=datetime.date(2026, 11, 2), last_review_date=datetime.date(2026, 11, 20)
    )
    html = client.get("/barrierefreiheit/").content.decode()
    assert '<time datetime="2026-11-02">' in html
    assert '<time datetime="2026-11-20">' in html


def test_easy_read_page_explains_the_site_in_easy_language(client, content):
    html = client.get("/leichte-sprache/").content.decode()
    assert 'class="legal legal--easy_read"' in html
    # Compounds are marked up to stay whole at line ends; read the text.
    html = re.sub(r'<span class="compound">([^<]*)</span>', r"\1", html)
    for phrase in (
        "Internet-Seite",
        "Regionales Digitalisierungs-Zentrum",
        "Barriere-Freiheit",
        "03901 840-0",
        'href="/barrierefreiheit/feedback/"',
        "Ombuds-Stelle",
    ):
        assert phrase in html, phrase


def test_unpublished_page_is_not_found(client, content):
    LegalPage.objects.filter(kind="imprint").update(is_published=False)
    assert client.get("/impressum/").status_code == 404


HOSTILE = (
    '<p onclick="steal()">Hallo <script>alert(1)</script>'
    '<a href="javascript:alert(2)" onmouseover="x()">Link</a>'
    '<a href="/datenschutz/">ok</a><img src="x" onerror="y()">'
    '<abbr title="Deutsche Gebärdensprache">DGS</abbr><style>body{}</style></p>'
)


def test_sanitizer_keeps_the_allow_list_only():
    clean = sanitize_html(HOSTILE)
    for bad in (
        "<script",
        "alert(1)",
        "onclick",
        "onmouseover",
        "javascript:",
        "<img",
        "onerror",
        "<style",
    ):
        assert bad not in clean, bad
    assert '<a href="/datenschutz/">ok</a>' in clean
    assert '<abbr title="Deutsche Gebärdensprache">DGS</abbr>' in clean


@pytest.mark.parametrize(
    ("html", "kept"),
    [
        ('<p>the <span lang="de">Ombudsstelle</span></p>', '<span lang="de">Ombudsstelle</span>'),
        ('<span lang="en-GB">colour</span>', '<span lang="en-GB">colour</span>'),
        ('<span lang="x onmouseover">a</span>', "<span>a</span>"),
        ('<span class="x" style="color:red" title="t">a</span>', "<span>a</span>"),
        (
            '<abbr title="Digitale-Dienste-Gesetz" lang="de">DDG</abbr>',
            '<abbr title="Digitale-Dienste-Gesetz">DDG</abbr>',
        ),
        (
            '<a href="https://example.org" title="t" target="_blank">x</a>',
            '<a href="https://example.org">x</a>',
        ),
    ],
)
def test_the_sanitizer_keeps_a_words_language_and_nothing_more(html, kept):
    assert kept in sanitize_html(html)


def test_saving_sanitizes_both_languages(content):
    page = LegalPage.objects.get(kind="easy_read")
    page.intro_de = HOSTILE
    page.body_en = HOSTILE
    page.save()
    page.refresh_from_db()
    assert "<script" not in page.intro_de and "onclick" not in page.intro_de
    assert "javascript:" not in page.body_en


def test_output_is_sanitized_even_when_save_was_bypassed(client, content):
    # loaddata and raw SQL skip save(); the page still never outputs the script.
    LegalPage.objects.filter(kind="easy_read").update(intro_de=HOSTILE)
    html = client.get("/leichte-sprache/").content.decode()
    assert "alert(1)" not in html
    assert "javascript:" not in html
    assert "onclick" not in html
    assert "Hallo" in html


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        ("imprint", "representative_name"),
        ("privacy", "dpo_contact"),
        ("accessibility", "last_review_date"),
        ("easy_read", "intro_de"),
    ],
)
def test_admin_shows_the_fields_of_each_kind(admin_client, content, kind, field):
    page = LegalPage.objects.get(kind=kind)
    response = admin_client.get(f"/admin/legal/legalpage/{page.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'name="{field}"' in html
    assert ('name="limitations-TOTAL_FORMS"' in html) == (kind == "accessibility")
    assert ('name="dpo_contact"' in html) == (kind == "privacy")

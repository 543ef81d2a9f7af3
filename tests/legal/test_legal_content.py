"""The legal pages in both languages: complete where the facts are known,
honest where the operator still owes them (legal/checks.py names those), and
the Leichte Sprache page written by its rules (Netzwerk Leichte Sprache,
DIN SPEC 33429), in German and in English easy read."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings

from legal.models import LegalPage, Limitation
from tests.rdz_site.test_pages import get_page

URLS = {
    ("de", "imprint"): "/impressum/",
    ("en", "imprint"): "/en/legal-notice/",
    ("de", "privacy"): "/datenschutz/",
    ("en", "privacy"): "/en/privacy/",
    ("de", "accessibility"): "/barrierefreiheit/",
    ("en", "accessibility"): "/en/accessibility/",
    ("de", "easy_read"): "/leichte-sprache/",
    ("en", "easy_read"): "/en/easy-read/",
}
SWITCHBOARD = ("tel:+4939018400", "03901 840-0")
OMBUDSSTELLE = "https://www.lf-barrierefreiheit-st.de/ueber-uns/ombudsstelle"


def section_of(page, heading_id):
    """The section a heading opens (sections carry no name: they are not
    landmarks)."""
    return next(s for s in page.find_all("section") if s.find_all(id=heading_id))


def main(client, language, kind):
    return get_page(client, URLS[language, kind]).find("main")


def section(page, heading_id):
    return section_of(page, heading_id)


# Impressum ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "facts"),
    [
        (
            "de",
            [
                "Angaben nach § 5 Digitale-Dienste-Gesetz (DDG).",
                "Körperschaft des öffentlichen Rechts",
            ],
        ),
        (
            "en",
            [
                "Information under section 5 of the Digitale-Dienste-Gesetz (DDG), "
                "the German law on digital services.",
                "Körperschaft des öffentlichen Rechts (corporation under public law)",
            ],
        ),
    ],
)
def test_imprint_states_the_law_and_the_legal_form(client, content, language, facts):
    text = main(client, language, "imprint").text
    for fact in facts:
        assert fact in text, fact
    # The page does not cite the Medienstaatsvertrag, so it needs no person
    # responsible under section 18(2) MStV; it states no supervisory
    # authority it would have to guess.
    assert "MStV" not in text and "Medienstaatsvertrag" not in text
    assert "Aufsicht" not in text and "upervisory" not in text


@pytest.mark.parametrize(
    ("language", "authority", "responsible"),
    [
        ("de", "Aufsichtsbehörde", "Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV"),
        ("en", "Supervisory authority", "Responsible for the content under section 18(2) MStV"),
    ],
)
def test_imprint_shows_what_the_operator_fills_in(
    client, content, language, authority, responsible
):
    LegalPage.objects.filter(kind="imprint").update(
        supervisory_authority="Musterbehörde\nMusterstraße 1",
        editorial_responsible="Erika Muster\nKarl-Marx-Straße 32",
    )
    page = main(client, language, "imprint")
    assert section(page, "authority-heading").find("h2").text == authority
    assert "Musterbehörde Musterstraße 1" in section(page, "authority-heading").text
    assert section(page, "responsible-heading").find("h2").text == responsible
    assert "Erika Muster" in section(page, "responsible-heading").text


# Datenschutz ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "heading", "attention"),
    [
        (
            "de",
            "Datenschutzbeauftragte oder Datenschutzbeauftragter",
            "z. Hd. Datenschutzbeauftragte oder Datenschutzbeauftragter",
        ),
        ("en", "Data protection officer", "For the attention of the data protection officer"),
    ],
)
def test_privacy_policy_names_a_way_to_the_data_protection_officer(
    client, content, language, heading, attention
):
    """Until the officer's own contact is filled in: the controller's postal
    address for their attention, and the switchboard."""
    dpo = section(main(client, language, "privacy"), "dpo-heading")
    assert dpo.find("h2").text == heading
    assert attention in dpo.text
    assert "Karl-Marx-Straße 32" in dpo.text and "29410 Hansestadt Salzwedel" in dpo.text
    assert dpo.find("a", href=SWITCHBOARD[0]).text == SWITCHBOARD[1]

    LegalPage.objects.filter(kind="privacy").update(dpo_contact="Datenschutz\ndsb@example.org")
    dpo = section(main(client, language, "privacy"), "dpo-heading")
    assert "dsb@example.org" in dpo.text
    assert attention not in dpo.text


@pytest.mark.parametrize(
    ("language", "facts"),
    [
        (
            "de",
            [
                "Art. 6 Abs. 1 Buchstabe e DSGVO in Verbindung mit § 4 des "
                "Datenschutz-Grundverordnungs-Ausfüllungsgesetzes Sachsen-Anhalt (DSAG LSA)",
                "§ 25 Abs. 2 Nr. 2",
                "TDDDG",
                "Empfänger",
                "(Hosting)",
                "E-Mails zustellen",
                # The feedback form's rate limit: a keyed hash of the network.
                "Prüfwert (Hash) Ihres Netzes",
                "zählt eine Stunde lang",
                "spätestens bei der täglichen Bereinigung",
            ],
        ),
        (
            "en",
            [
                "Article 6(1)(e) GDPR in conjunction with section 4 of the "
                "Datenschutz-Grundverordnungs-Ausfüllungsgesetz Sachsen-Anhalt (DSAG LSA)",
                "section 25(2) no. 2",
                "TDDDG",
                "Recipients",
                "(hosting)",
                "deliver e-mail",
                "check value (hash) of your network",
                "counts for one hour",
                "by the daily clean-up at the latest",
            ],
        ),
    ],
)
def test_privacy_policy_names_legal_bases_recipients_and_the_rate_limit(
    client, content, language, facts
):
    text = main(client, language, "privacy").text
    for fact in facts:
        assert fact in text, fact


@pytest.mark.parametrize(
    ("language", "promise"), [("de", "gelöscht nach 9 Tagen"), ("en", "deleted after 9 days")]
)
def test_log_retention_comes_from_one_setting(client, content, settings, language, promise):
    settings.LOG_RETENTION_DAYS = 9
    retention = section(main(client, language, "privacy"), "retention-heading")
    assert promise in retention.text


def test_log_configuration_keeps_what_the_privacy_policy_promises():
    deploy = Path(settings.BASE_DIR) / "deploy"
    days = settings.LOG_RETENTION_DAYS
    journald = (deploy / "journald" / "rdz.conf").read_text()
    assert re.search(rf"^MaxRetentionSec={days}day$", journald, re.M)
    logrotate = (deploy / "logrotate" / "rdz-nginx").read_text()
    # Daily rotation: the current file and days - 1 old ones.
    assert re.search(r"^\s*daily$", logrotate, re.M)
    assert re.search(rf"^\s*rotate {days - 1}$", logrotate, re.M)


# Erklärung zur Barrierefreiheit --------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "intro", "ground"),
    [
        (
            "de",
            "Die nachstehend aufgeführten Inhalte sind aus folgenden Gründen nicht barrierefrei:",
            "Unvereinbarkeit mit den Barrierefreiheitsanforderungen",
        ),
        (
            "en",
            "The content listed below is non-accessible for the following reasons:",
            "Non-compliance with the accessibility requirements",
        ),
    ],
)
def test_non_accessible_content_stands_under_a_ground_of_the_model(
    client, content, language, intro, ground
):
    limitations = section(main(client, language, "accessibility"), "limitations-heading")
    assert intro in limitations.text
    assert [heading.text for heading in limitations.find_all("h3")] == [ground]


def test_the_compliance_status_rests_on_more_than_missing_sign_language(content):
    """'Partially compliant' needs a real finding against WCAG 2.1 AA, not
    only the missing DGS videos (sign language is AAA, 1.2.6)."""
    page = LegalPage.objects.get(kind="accessibility")
    assert page.compliance == LegalPage.Compliance.PARTIAL
    findings = page.limitations.filter(ground=Limitation.Ground.NON_COMPLIANCE)
    assert [
        limitation
        for limitation in findings
        if "Gebärdensprache" not in limitation.description_de
        and "Leichte" not in limitation.description_de
        and "WCAG" in limitation.description_de
        and "WCAG" in limitation.description_en
    ]


@pytest.mark.parametrize("language", ["de", "en"])
def test_accessibility_statement_gives_phone_post_and_form(client, content, language):
    feedback = section(main(client, language, "accessibility"), "feedback-heading")
    assert feedback.find("a", href=SWITCHBOARD[0]).text == SWITCHBOARD[1]
    assert "Karl-Marx-Straße 32" in feedback.text
    assert "29410 Hansestadt Salzwedel" in feedback.text
    form = "/barrierefreiheit/feedback/" if language == "de" else "/en/accessibility/feedback/"
    assert feedback.find("a", href=form)


@pytest.mark.parametrize("language", ["de", "en"])
def test_enforcement_links_the_ombudsstelle_and_invents_no_contact(client, content, language):
    page = main(client, language, "accessibility")
    assert page.find("a", href=OMBUDSSTELLE)
    # Its address, phone and e-mail could not be verified here: the page links
    # to them instead of stating them. The only phone number is the district's.
    links = [a.attrs.get("href", "") for a in page.find_all("a")]
    assert {href for href in links if href.startswith("tel:")} == {SWITCHBOARD[0]}
    assert not [href for href in links if href.startswith("mailto:")]


@pytest.mark.parametrize(
    ("language", "prepared", "reviewed"),
    [
        ("de", "Erstellt am 2. November 2026", "Zuletzt überprüft am 20. November 2026"),
        ("en", "Prepared on 2 November 2026", "Last reviewed on 20 November 2026"),
    ],
)
def test_accessibility_statement_shows_its_dates_once_known(
    client, content, language, prepared, reviewed
):
    LegalPage.objects.filter(kind="accessibility").update(
        statement_date=datetime.date(2026, 11, 2), last_review_date=datetime.date(2026, 11, 20)
    )
    preparation = section(main(client, language, "accessibility"), "preparation-heading")
    assert prepared in preparation.text
    assert reviewed in preparation.text


# Leichte Sprache -------------------------------------------------------------------------

# Each hard word with its explanation, which must stand where the word first
# appears: in the same block (paragraph or list item) or the next one.
EXPLAINED = {
    "de": {
        "Projekt": "Ein Projekt ist eine Arbeit mit einem Ziel.",
        "Digitalisierung": "Digitalisierung bedeutet:",
        "Land-Kreis": "Ein Land-Kreis ist ein Gebiet",
        "Umfrage": "Bei einer Umfrage beantworten Menschen Fragen.",
        "Kreis-Tag": "Im Kreis-Tag sind Politikerinnen und Politiker.",
        "Glas-Faser": "Glas-Faser sind sehr dünne Fäden aus Glas.",
        "Region": "Region bedeutet: ein Gebiet mit vielen Orten.",
        "Hansestadt": "Hansestadt Salzwedel ist der ganze Name von der Stadt Salzwedel.",
        "Daten": "Daten sind Angaben über Sie.",
        "Strg": "Strg ist eine Taste unten links auf der Tastatur.",
        "Digitale Agenda": "Die Digitale Agenda ist ein Plan",
        "Coworking-Space": "In einem Coworking-Space können Menschen gemeinsam arbeiten.",
        "Menü": "Ein Menü ist eine Liste mit Links.",
        "Barriere": "Eine Barriere ist ein Problem",
        "Förder-Logo": "Das Förder-Logo zeigt:",
        "Gebärden-Sprache": "Gebärden-Sprache ist eine Sprache mit den Händen.",
        "Formular": "Ein Formular ist eine Seite mit Feldern.",
        "Feedback": "Feedback bedeutet:",
        "Kreis-Verwaltung": "Die Kreis-Verwaltung ist das Amt vom Land-Kreis.",
        "Ombuds-Stelle": "Die Ombuds-Stelle hilft bei Streit über Barrieren.",
        "Landes-Fach-Stelle": "Bei der Landes-Fach-Stelle arbeiten Fach-Leute",
    },
    "en": {
        "project": "A project is a piece of work with a goal.",
        "Digitalisation": "Digitalisation means:",
        "district": "A district is an area",
        "survey": "In a survey, people answer questions.",
        "district council": "Politicians are members of the district council.",
        "glass fibre": "Glass fibres are very thin threads of glass.",
        "region": "A region is an area with many places.",
        "Hansestadt": "Hansestadt Salzwedel is the full name of the town of Salzwedel.",
        "data": "Data is information about you.",
        "Ctrl": "Ctrl is a key at the bottom left of the keyboard.",
        "Digital Agenda": "The Digital Agenda is a plan",
        "coworking space": "In a coworking space, people can work together.",
        "menu": "A menu is a list of links.",
        "barrier": "A barrier is a problem",
        "funding logo": "The funding logo shows:",
        "sign language": "Sign language is a language",
        "form": "A form is a page with boxes.",
        "Feedback": "Feedback means:",
        "district administration": "The district administration is the office of the district.",
        "ombudsperson's office": "The ombudsperson's office helps when people disagree",
        "State Office for Accessibility": "Experts on accessibility work at the State Office.",
    },
}
EASY_READ = {
    "de": {
        "over": [
            "Das Projekt hat am 1. Juli 2019 angefangen.",
            "Das Projekt ist seit dem 30. Juni 2021 vorbei.",
        ],
        "results": [
            "Zuerst hat das RDZ die Bürgerinnen und Bürger gefragt.",
            "Diese Umfrage ist im April 2020 fertig geworden.",
            "Dann hat das RDZ die Firmen gefragt.",
            "Diese Umfrage ist im Dezember 2020 fertig geworden.",
            "Am 28. Juni 2021 hat der Kreis-Tag die Digitale Agenda beschlossen.",
            "Am 15. September 2021 hat das haus5 in Salzwedel aufgemacht.",
        ],
        "report": "So melden Sie eine Barriere",
        "ombuds": "Schreiben Sie an die Ombuds-Stelle.",
        "idioms": [r"\bwenden\b", r"zurechtfinden", r"\bjetzt\b"],
        "menu": "/",
    },
    "en": {
        "over": ["The project started on 1 July 2019.", "The project ended on 30 June 2021."],
        "results": [
            "The survey for the citizens was finished in April 2020.",
            "The survey for the firms was finished in December 2020.",
            "On 28 June 2021, the district council adopted the Digital Agenda.",
            "On 15 September 2021, haus5 opened in Salzwedel.",
        ],
        "report": "How to tell us about a barrier",
        "ombuds": "Write to the ombudsperson's office.",
        "idioms": [r"\bturn to\b", r"find your way", r"\bnow has\b"],
        "menu": "/en/",
    },
}
# Short sentences: one statement each.
MAX_WORDS = 12


def blocks(page):
    """The page's paragraphs and list items (those without nested lists), in order."""
    found = []
    for element in page.iter():
        if element.tag == "p" or (element.tag == "li" and not element.find_all("ul")):
            found.append(element.text)
    return found


def sentences(page):
    """Sentences as the page sets them: one a line (<br>) or ending in . ? ! :"""
    pieces = []
    for element in page.iter():
        if element.tag in ("p", "li") and not element.find_all("ul"):
            lines = re.split(r"<br>|\n", _inner(element))
            pieces += [piece for line in lines for piece in re.split(r"(?<=\D[.?!:])\s+", line)]
    return [" ".join(piece.split()) for piece in pieces if piece.strip()]


def _inner(element):
    """The element's text with its <br> kept as line breaks."""
    parts = []
    for child in element.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag == "br":
            parts.append("\n")
        else:
            parts.append(_inner(child))
    return "".join(parts)


@pytest.mark.parametrize("language", ["de", "en"])
def test_easy_read_explains_each_hard_word_where_it_first_appears(client, content, language):
    texts = blocks(main(client, language, "easy_read"))
    for word, explanation in EXPLAINED[language].items():
        mention = re.compile(rf"\b{re.escape(word)}\b")
        first = next(i for i, text in enumerate(texts) if mention.search(text))
        nearby = " ".join(texts[first : first + 2])
        assert explanation in nearby, word


@pytest.mark.parametrize("language", ["de", "en"])
def test_easy_read_says_plainly_that_the_project_is_over(client, content, language):
    lines = sentences(main(client, language, "easy_read"))
    for sentence in EASY_READ[language]["over"]:
        assert sentence in lines, sentence


@pytest.mark.parametrize("language", ["de", "en"])
def test_easy_read_names_the_results(client, content, language):
    lines = sentences(main(client, language, "easy_read"))
    for sentence in EASY_READ[language]["results"]:
        assert sentence in lines, sentence


@pytest.mark.parametrize("language", ["de", "en"])
def test_easy_read_sentences_are_short_and_plain(client, content, language):
    page = main(client, language, "easy_read")
    lines = sentences(page)
    long = [line for line in lines if len(line.split()) > MAX_WORDS]
    assert not long
    assert not [line for line in lines if ";" in line]
    text = page.text
    for idiom in EASY_READ[language]["idioms"]:
        assert not re.search(idiom, text), idiom


@pytest.mark.parametrize("language", ["de", "en"])
def test_easy_read_offers_the_phone_to_report_a_barrier(client, content, language):
    page = main(client, language, "easy_read")
    texts = [element.text for element in page.iter() if element.tag in ("h2", "p")]
    report = texts.index(EASY_READ[language]["report"])
    following = " ".join(texts[report : report + 6])
    assert "840-0" in following
    assert "Karl-Marx-Straße 32" in following
    assert EASY_READ[language]["ombuds"] in sentences(page)


@pytest.mark.parametrize("language", ["de", "en"])
def test_easy_read_lists_the_menu_as_it_is(client, content, language):
    page = main(client, language, "easy_read")
    listed = [
        [item.text for item in ul.find_all("li")]
        for ul in page.find_all("ul")
        if len(ul.find_all("li")) == 5
    ]
    menu = [
        link.text
        for link in get_page(client, EASY_READ[language]["menu"])
        .find("nav", class_="site-nav")
        .find_all("a")
    ]
    assert menu in listed


# The findings of the editorial review, per rule of the Netzwerk Leichte Sprache.
RULES_DE = [
    (r"(?:^|[.?!]\s)Es (?:ist seit)\b", "a pronoun for the project"),
    (r", (?:die|der|das|den|dem|deren|dessen|welche\w*) ", "a relative clause"),
    (r"\b(?:nicht|kein\w*|nichts|nie|niemand|unzufrieden)\b", "a negation"),
    (r"\b(?:war|waren|wollte|ging|hatte|hatten|gab)\b", "the simple past"),
    (r"(?<!zur )Barrierefreiheit(?!\.)", "'Barriere-Freiheit' outside a name"),
]


def test_easy_read_follows_the_rules(client, content):
    lines = sentences(main(client, "de", "easy_read"))
    text = " ".join(lines)
    for pattern, rule in RULES_DE:
        assert not re.search(pattern, text), (rule, re.search(pattern, text))
    # "Sie" at the start of a sentence is the reader, asked a question;
    # anyone else is named again ("Die Ombuds-Stelle spricht mit Ihnen.").
    to_the_reader = re.compile(r"\?$|\b(?:uns|Ihr\w*|Ihnen)\b")
    assert [
        line for line in lines if line.startswith("Sie ") and not to_the_reader.search(line)
    ] == []
    # The page says that no reading group has checked it yet.
    assert "Diesen Text muss noch eine Prüf-Gruppe lesen." in lines


@pytest.mark.parametrize("language", ["de", "en"])
def test_easy_read_gives_the_three_ways_as_a_list(client, content, language):
    page = main(client, language, "easy_read")
    (ways,) = page.find_all("ol")
    items = [child for child in ways.children if getattr(child, "tag", None) == "li"]
    assert len(items) == 3

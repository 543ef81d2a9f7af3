"""Dates only as precise as the source, in both languages: "2012",
"April 2020", "28. Juni 2021" / "28 June 2021"; and euro amounts."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils.translation import override

CASES = [
    # value, precision, machine, German, English
    (datetime.date(2012, 1, 1), "year", "2012", "2012", "2012"),
    (datetime.date(2020, 4, 1), "month", "2020-04", "April 2020", "April 2020"),
    (datetime.date(2020, 12, 1), "month", "2020-12", "Dezember 2020", "December 2020"),
    (datetime.date(2020, 3, 1), "month", "2020-03", "März 2020", "March 2020"),
    (datetime.date(2021, 6, 28), "day", "2021-06-28", "28. Juni 2021", "28 June 2021"),
    (datetime.date(2021, 9, 15), "day", "2021-09-15", "15. September 2021", "15 September 2021"),
    (datetime.date(2019, 7, 1), "day", "2019-07-01", "1. Juli 2019", "1 July 2019"),
]


def render(source, **context):
    return Template("{% load dates money %}" + source).render(Context(context))


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(("value", "precision", "machine", "german", "english"), CASES)
def test_time_tag(language, value, precision, machine, german, english):
    shown = german if language == "de" else english
    with override(language):
        html = render("{% time_tag value precision %}", value=value, precision=precision)
    assert html == f'<time datetime="{machine}">{shown}</time>'


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(("value", "precision", "machine", "german", "english"), CASES)
def test_precise_date(language, value, precision, machine, german, english):
    with override(language):
        text = render("{{ value|precise_date:precision }}", value=value, precision=precision)
    assert text == (german if language == "de" else english)


def test_day_precision_is_the_default():
    with override("de"):
        assert (
            render("{% time_tag value %}", value=datetime.date(2020, 8, 31))
            == '<time datetime="2020-08-31">31. August 2020</time>'
        )
        assert (
            render("{{ value|precise_date }}", value=datetime.date(2020, 8, 31))
            == "31. August 2020"
        )


def test_missing_dates_render_nothing():
    assert render("{% time_tag value %}|{{ value|precise_date }}", value=None) == "|"


@pytest.mark.parametrize(
    ("amount", "german", "english"),
    [
        (Decimal("200000.00"), "200.000\N{NO-BREAK SPACE}€", "€200,000"),
        (Decimal("1234.50"), "1.234,50\N{NO-BREAK SPACE}€", "€1,234.50"),
        (Decimal("0"), "0\N{NO-BREAK SPACE}€", "€0"),
    ],
)
def test_euro(amount, german, english):
    with override("de"):
        assert render("{{ amount|euro }}", amount=amount) == german
    with override("en"):
        assert render("{{ amount|euro }}", amount=amount) == english

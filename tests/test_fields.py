"""Each cell rule of docs/data-format.md (the programs.csv columns and the numbers rule), on the parser that implements it."""

import datetime as dt
import re

import pytest

from plugins.programs_site.data import fields
from plugins.programs_site.data.fields import CellError


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_empty_cells_are_unknown_not_zero(raw):
    assert fields.money(raw) is None
    assert fields.duration(raw) is None
    assert fields.yes_no(raw) is None
    assert fields.delivery_format(raw) is None
    assert fields.percent(raw) is None


@pytest.mark.parametrize(
    "raw, expected", [("3699", 3699), ("$3,699.00", 3699), ("$ 12,500", 12500), ("USD 999.50", 999.5), ("0", 0)]
)
def test_currency_strings_are_read_as_numbers(raw, expected):
    assert fields.money(raw) == expected


@pytest.mark.parametrize("raw", ["$abc", "3,69", "-5", "12 dollars", "1.2.3"])
def test_bad_money_is_an_error_naming_the_value(raw):
    with pytest.raises(CellError, match=f"'{raw.replace('$', '[$]').replace('.', '[.]')}'"):
        fields.money(raw)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("9", (9, 9)),
        ("9 months", (9, 9)),
        ("1 year", (12, 12)),
        ("52 weeks", (12, 12)),
        ("24 weeks", (5.54, 5.54)),
        ("3-5 months", (3, 5)),
        ("3 to 5 months", (3, 5)),
        ("1.5 years", (18, 18)),
        ("1 month", (1, 1)),
    ],
)
def test_durations_in_weeks_months_years_and_ranges(raw, expected):
    assert fields.duration(raw) == expected


@pytest.mark.parametrize("raw", ["0", "soon", "5 fortnights", "5-3 months", "-2"])
def test_bad_durations_are_errors(raw):
    with pytest.raises(CellError):
        fields.duration(raw)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("yes", True),
        ("Y", True),
        ("TRUE", True),
        ("1", True),
        ("no", False),
        ("n", False),
        ("False", False),
        ("0", False),
    ],
)
def test_yes_no_synonyms_in_any_case(raw, expected):
    assert fields.yes_no(raw) is expected


def test_yes_no_rejects_other_words():
    with pytest.raises(CellError, match="'maybe' is not yes or no"):
        fields.yes_no("maybe")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Online", "online"),
        ("distance", "online"),
        ("REMOTE", "online"),
        ("in-person", "in-person"),
        ("In Person", "in-person"),
        ("on-campus", "in-person"),
        ("Classroom", "in-person"),
        ("hybrid", "hybrid"),
    ],
)
def test_format_synonyms(raw, expected):
    assert fields.delivery_format(raw) == expected


def test_unknown_format_lists_the_choices():
    with pytest.raises(CellError, match="'blended' is not one of: online, in-person, hybrid"):
        fields.delivery_format("blended")


def test_pace_values():
    assert fields.pace("Self-paced") == "self-paced"
    assert fields.pace("self paced") == "self-paced"
    assert fields.pace("scheduled") == "scheduled"
    with pytest.raises(CellError):
        fields.pace("whenever")


def test_state_codes_any_case():
    assert fields.state("ny") == "NY"
    with pytest.raises(CellError, match="'New York' is not a US state code"):
        fields.state("New York")


@pytest.mark.parametrize("raw, expected", [("72", 72), ("72%", 72), ("0", 0), ("100 %", 100)])
def test_percentages(raw, expected):
    assert fields.percent(raw) == expected


@pytest.mark.parametrize("raw", ["101", "-1", "lots"])
def test_bad_percentages(raw):
    with pytest.raises(CellError):
        fields.percent(raw)


def test_dates_are_iso():
    assert fields.date("2026-03-31") == dt.date(2026, 3, 31)
    for raw in ("03/31/2026", "2026-02-30", "2026-3-1"):
        with pytest.raises(CellError, match="YYYY-MM-DD"):
            fields.date(raw)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("https://example.edu/coding", "https://example.edu/coding"),
        ("http://example.edu", "http://example.edu"),
        ("www.example.edu/coding", "https://www.example.edu/coding"),
        ("example.edu", "https://example.edu"),
    ],
)
def test_urls_http_only_and_bare_domains_get_https(raw, expected):
    assert fields.url(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "javascript:alert(1)",
        "JavaScript://example.com/%0aalert(1)",
        "data:text/html,x",
        "ftp://example.edu",
        "mailto:a@example.edu",
        "//example.edu",
        "not a url",
        "http://",
        "localhost/x",
    ],
)
def test_other_schemes_are_errors(raw):
    with pytest.raises(CellError):
        fields.url(raw)


def test_credential_codes_split_on_semicolons_and_upper_cased():
    assert fields.code_list("CPC; coc ;CPC;CCS-P") == ["CPC", "COC", "CCS-P"]
    with pytest.raises(CellError):
        fields.code_list("CPC, COC")


def test_ids_are_slugs():
    assert fields.slug("acme-coding-101") == "acme-coding-101"
    for raw in ("Acme", "acme coding", "acme--x", "-acme", "acmé"):
        with pytest.raises(CellError, match="not a valid id"):
            fields.slug(raw)


def test_description_blank_lines_make_paragraphs():
    assert fields.paragraphs("First line\nsame paragraph.\n\nSecond.\r\n\r\nThird.") == [
        "First line same paragraph.",
        "Second.",
        "Third.",
    ]


LENIENT_NUMBERS = [
    "7,5",
    "12,34",
    "1,2345",
    "1_000",
    "1e3",
    "١٢",
    "１２",
    "²",
    "+5",
    "inf",
    "nan",
    "0x10",
    "1.",
    "1 000",
]


@pytest.mark.parametrize("raw", LENIENT_NUMBERS)
@pytest.mark.parametrize("parser", [fields.number, fields.money, fields.percent, fields.duration])
def test_numbers_are_ascii_digits_with_commas_only_between_thousands(parser, raw):
    with pytest.raises(CellError, match=re.escape(f"'{raw}' is not a")):
        parser(raw)


@pytest.mark.parametrize("raw, expected", [("1,200", 1200), ("1,234,567.5", 1234567.5), ("7.5", 7.5), (".5", 0.5)])
def test_every_parser_reads_the_same_number_pattern(raw, expected):
    assert fields.number(raw) == expected
    assert fields.money(raw) == expected
    assert fields.duration(raw) == (round(expected, 2), round(expected, 2))
    if expected <= 100:
        assert fields.percent(raw + "%") == expected


def test_a_decimal_comma_in_a_rate_is_an_error_not_a_tenfold_value():
    with pytest.raises(CellError, match="'7,5%' is not a percentage"):
        fields.percent("7,5%")


def test_numbers_must_be_positive_where_required():
    assert fields.number("0") == 0
    with pytest.raises(CellError, match="greater than 0"):
        fields.positive_number("0")
    with pytest.raises(CellError, match="0 or more"):
        fields.number("-3")

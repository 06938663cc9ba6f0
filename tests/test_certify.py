"""The cost to get certified (plugins/programs_site/model/certify.py) and its words (present.py)."""

from plugins.programs_site.data.records import Credential, Program
from plugins.programs_site.model.certify import cost_to_certify
from plugins.programs_site.model.present import certify_detail, certify_text

CREDENTIALS = {
    "CPC": Credential(line=2, code="CPC", name="Certified Professional Coder", exam_fee_usd="399"),
    "CBCS": Credential(line=3, code="CBCS", name="Billing and Coding Specialist", exam_fee_usd="117"),
    "CRC": Credential(line=4, code="CRC", name="Risk Adjustment Coder"),  # fee not listed
}


def program(**cells):
    return Program(line=2, name="Coding", provider="School", **cells)


def test_the_exam_fee_is_added_unless_a_voucher_is_included():
    cost = cost_to_certify(program(cost_usd="2994", credentials="CPC"), CREDENTIALS)
    assert (cost.amount, cost.code, certify_text(cost)) == (3393, "CPC", "$3,393")
    assert certify_detail(cost) == "$3,393 ($2,994 program + $399 CPC exam fee)"
    covered = cost_to_certify(program(cost_usd="2994", credentials="CPC", exam_voucher_included="yes"), CREDENTIALS)
    assert (covered.amount, certify_detail(covered)) == (2994, "$2,994 (CPC exam voucher included)")


def test_without_a_choice_the_listed_credential_with_the_lowest_known_fee_counts():
    both = program(cost_usd="1000", credentials="CPC;CBCS;CRC")
    assert cost_to_certify(both, CREDENTIALS).amount == 1117
    assert cost_to_certify(both, CREDENTIALS, ["CPC"]).amount == 1399  # the visitor's choice wins


def test_an_unlisted_fee_is_said_and_an_unknown_cost_stays_unknown():
    risk = cost_to_certify(program(cost_usd="1695", credentials="CRC"), CREDENTIALS)
    # Incomplete: said with what is known, but no number a budget, maximum or sort could read.
    assert (risk.amount, risk.fee_missing, certify_text(risk)) == (None, True, "$1,695 + exam fee not listed")
    assert certify_detail(risk) == "$1,695, plus an exam fee not listed here"
    unknown = cost_to_certify(program(credentials="CPC"), CREDENTIALS)
    assert (unknown.amount, certify_text(unknown)) == (None, "Not listed")


def test_a_program_for_no_credential_has_no_cost_to_get_certified():
    none = cost_to_certify(program(cost_usd="1050"), CREDENTIALS)
    assert (none.amount, none.fee_missing, certify_text(none)) == (None, False, "No credential listed")
    assert certify_detail(none) == "No credential listed, so no cost to get certified (program: $1,050)"

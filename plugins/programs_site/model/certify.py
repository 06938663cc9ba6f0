"""The cost to get certified: the one number every view shows for "what will this cost me".

The rule, as docs/data-format.md gives it: the program's cost, plus the exam fee of the credential in
question unless the exam voucher is included. The credential in question is the one the visitor chose,
otherwise the program's listed credential with the lowest known fee. Computed here only; pages,
exports and the browser data all carry its result, so no view can disagree with another.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.records import Credential, Program
from ..i18n import N_
from ..json_text import plain_number

FEE_NOT_LISTED = N_("exam fee not listed")  # a msgid: present.py words it


@dataclass(frozen=True, slots=True)  # one per program and view, kept to the end of the build
class CertifyCost:
    # The one number every filter, sort, budget and "lowest" reads: None unless it is complete. An
    # unknown program cost, an exam fee not listed here (incomplete) and a program that lists no
    # credential (nothing to get certified in) all leave it None, so no view can count a partial sum
    # as "within your budget" or "the cheapest" (DESIGN.md, "Cost to get certified").
    amount: float | None
    code: str | None  # the credential whose exam is in question; None when the program lists none we know
    fee: float | None  # the exam fee added; None when a voucher covers it or it is not listed
    voucher: bool  # the program's cost includes the exam fee
    program_cost: float | None
    no_credential: bool = False  # the program lists no credential at all

    @property
    def fee_missing(self) -> bool:
        """A known program cost that still lacks an exam fee this site does not know (incomplete)."""
        return self.program_cost is not None and not self.no_credential and not self.voucher and self.fee is None

    @property
    def known_part(self) -> float | None:
        """What is known of the cost, for display only: the program's cost plus any exam fee added."""
        return None if self.program_cost is None else self.program_cost + (self.fee or 0.0)


def cost_to_certify(
    program: Program, credentials: dict[str, Credential], chosen: list[str] | None = None
) -> CertifyCost:
    """`chosen`: the credentials the visitor asked about; the cheapest of them this program lists wins."""
    listed = [credentials[code] for code in program.credentials if code in credentials]
    wanted = [c for c in listed if chosen and c.code in chosen] or listed
    with_fee = [c for c in wanted if c.exam_fee_usd is not None]
    credential = min(with_fee, key=lambda c: c.exam_fee_usd or 0.0) if with_fee else (wanted[0] if wanted else None)
    voucher = program.exam_voucher_included is True
    fee = None if voucher or credential is None else credential.exam_fee_usd
    no_credential = not program.credentials
    complete = program.cost_usd is not None and not no_credential and (voucher or fee is not None)
    amount = program.cost_usd + (fee or 0.0) if complete else None
    code = credential.code if credential else None
    return CertifyCost(amount, code, fee, voucher, program.cost_usd, no_credential)


def certify_costs_by_credential(program: Program, credentials: dict[str, Credential]) -> dict[str, CertifyCost]:
    """One cost per listed credential, for views where the visitor picks the credential."""
    return {code: cost_to_certify(program, credentials, [code]) for code in program.credentials if code in credentials}


def certify_value(cost) -> float | int | dict | None:
    """The cost to get certified, typed, as the browser formats it (theme/static/js/format.js): the
    amount; what is known of it when an exam fee is not listed; or that no credential is listed."""
    if cost.no_credential:
        return {"no_credential": True}
    if cost.fee_missing:
        return {"known": plain_number(cost.known_part), "fee_missing": True}
    return plain_number(cost.amount)

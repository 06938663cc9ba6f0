"""Turn typed records into the display values templates show, so templates only display.

"Not listed" is the one word for an unknown value everywhere: never 0, never "No".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .fields import make_slug
from .records import Credential, Program

NOT_LISTED = "Not listed"
FORMAT_LABELS = {"online": "Online", "in-person": "In-person", "hybrid": "Hybrid"}
PACE_LABELS = {"self-paced": "Self-paced", "scheduled": "Scheduled"}


def money_text(amount: float | None) -> str:
    if amount is None:
        return NOT_LISTED
    return f"${amount:,.0f}" if amount == int(amount) else f"${amount:,.2f}"


def number_text(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def months_text(span: tuple[float, float] | None) -> str:
    if span is None:
        return NOT_LISTED
    low, high = span
    unit = "month" if high == 1 else "months"
    if low == high:
        return f"{number_text(high)} {unit}"
    return f"{number_text(low)}–{number_text(high)} {unit}"


def yes_no_text(value: bool | None) -> str:
    return NOT_LISTED if value is None else ("Yes" if value else "No")


def percent_text(value: float | None) -> str:
    return NOT_LISTED if value is None else f"{number_text(value)}%"


def date_text(value: dt.date | None) -> str:
    return NOT_LISTED if value is None else f"{value:%B} {value.day}, {value.year}"


def location_text(program: Program) -> str:
    parts = [p for p in (program.city, program.state) if p]
    return ", ".join(parts) if parts else NOT_LISTED


def list_text(values: list[str]) -> str:
    return ", ".join(values) if values else NOT_LISTED


def program_path(program_id: str) -> str:
    return f"programs/{program_id}/"


def credential_path(code: str) -> str:
    return f"credentials/{code.lower()}/"


@dataclass
class Fact:
    label: str
    text: str

    @property
    def unknown(self) -> bool:
        return self.text == NOT_LISTED


@dataclass
class CredentialLink:
    code: str
    name: str
    path: str | None  # None for codes credentials.csv does not describe


@dataclass
class ProgramView:
    """Everything a template shows about one program, already worded."""

    id: str
    path: str
    name: str
    provider: str
    format: str
    duration: str
    cost: str
    exam_prep: str
    credentials: list[CredentialLink]
    facts: list[Fact]
    cost_breakdown: list[Fact]
    certification_costs: list[str]
    outcomes: list[Fact]
    outcomes_source: str | None
    description: list[str]
    extra: list[Fact]
    action_url: str | None
    provider_url: str | None
    last_verified: str
    summary: str = field(default="")


def credential_links(codes: list[str], credentials: dict[str, Credential]) -> list[CredentialLink]:
    return [
        CredentialLink(
            code,
            credentials[code].name if code in credentials else code,
            credential_path(code) if code in credentials else None,
        )
        for code in codes
    ]


def cost_to_certify(program: Program, credential: Credential) -> float | None:
    """Program cost plus the exam fee unless a voucher is included: the money a student really needs.
    An exam fee credentials.csv does not list adds nothing here; the wording says it is missing."""
    if program.cost_usd is None:
        return None
    if program.exam_voucher_included or credential.exam_fee_usd is None:
        return program.cost_usd
    return program.cost_usd + credential.exam_fee_usd


def certification_cost(program: Program, credential: Credential) -> str:
    total = cost_to_certify(program, credential)
    if total is None:
        return NOT_LISTED
    if program.exam_voucher_included:
        return f"{money_text(total)} (exam voucher included)"
    if credential.exam_fee_usd is None:
        return f"{money_text(total)} + exam fee (not listed)"
    return (
        f"about {money_text(total)} ({money_text(program.cost_usd)} + {money_text(credential.exam_fee_usd)} exam fee)"
    )


def certification_costs(program: Program, credentials: dict[str, Credential]) -> list[str]:
    if program.cost_usd is None:
        return []
    return [
        f"{code}: {certification_cost(program, credentials[code])}"
        for code in program.credentials
        if code in credentials
    ]


def summary_text(program: Program) -> str:
    """One plain sentence for the meta description and cards."""
    bits = [FORMAT_LABELS.get(program.format or "", "")]
    bits = [b for b in bits if b]
    if program.credentials:
        bits.append("prepares for " + ", ".join(program.credentials))
    if program.duration_months:
        bits.append(months_text(program.duration_months))
    if program.cost_usd is not None:
        bits.append(money_text(program.cost_usd))
    head = f"{program.name} from {program.provider}"
    return head + (": " + "; ".join(bits) + "." if bits else ".")


def program_view(program: Program, credentials: dict[str, Credential]) -> ProgramView:
    cost = money_text(program.cost_usd)
    if program.cost_is_sum:
        cost += " (sum of the parts below)"
    facts = [
        Fact("Total cost", cost),
        Fact("Duration", months_text(program.duration_months)),
        Fact("Format", FORMAT_LABELS.get(program.format or "", NOT_LISTED)),
        Fact("Pace", PACE_LABELS.get(program.pace or "", NOT_LISTED)),
        Fact("Hours per week", NOT_LISTED if program.hours_per_week is None else number_text(program.hours_per_week)),
        Fact("Instruction hours", NOT_LISTED if program.clock_hours is None else number_text(program.clock_hours)),
        Fact("Exam prep included", yes_no_text(program.exam_prep)),
        Fact("Exam voucher included", yes_no_text(program.exam_voucher_included)),
        Fact("Accreditation", list_text(program.accreditation)),
        Fact("Externship", yes_no_text(program.externship)),
        Fact("Federal financial aid", yes_no_text(program.financial_aid)),
        Fact("Military benefits", yes_no_text(program.military_benefits)),
        Fact("Location", location_text(program)),
    ]
    outcomes = [
        Fact("Completion rate", percent_text(program.completion_rate)),
        Fact("Exam pass rate", percent_text(program.exam_pass_rate)),
        Fact("Job placement rate", percent_text(program.job_placement_rate)),
    ]
    if all(f.unknown for f in outcomes):
        outcomes = []
    return ProgramView(
        id=program.id or "",
        path=program_path(program.id or ""),
        name=program.name,
        provider=program.provider,
        format=FORMAT_LABELS.get(program.format or "", NOT_LISTED),
        duration=months_text(program.duration_months),
        cost=money_text(program.cost_usd),
        exam_prep=yes_no_text(program.exam_prep),
        credentials=credential_links(program.credentials, credentials),
        facts=facts,
        cost_breakdown=[Fact(label, money_text(amount)) for label, amount in program.cost_parts()],
        certification_costs=certification_costs(program, credentials),
        outcomes=outcomes,
        outcomes_source=program.outcomes_source,
        description=program.description,
        extra=[Fact(header, value) for header, value in program.extra],
        action_url=program.enroll_url or program.url,
        provider_url=program.url,
        last_verified=date_text(program.last_verified),
        summary=summary_text(program),
    )


@dataclass
class CredentialView:
    code: str
    path: str
    name: str
    issuer: str
    best_for: str
    exam_summary: str
    exam_fee: str
    url: str | None
    programs: list[tuple[ProgramView, str]]  # the cheapest to certify first, with that cost
    total: int  # how many programs prepare for it (programs may be a shorter list)


def credential_view(credential: Credential, programs: list[tuple[Program, ProgramView]], limit: int) -> CredentialView:
    """The programs cheapest to certify with come first; past `limit` the browse filter takes over,
    which keeps a credential page small when thousands of programs prepare for it."""

    def certify_cost(pair: tuple[Program, ProgramView]) -> tuple[bool, float, str]:
        total = cost_to_certify(pair[0], credential)
        return (total is None, total or 0.0, pair[1].name)  # unknown costs last

    ranked = sorted(programs, key=certify_cost)
    return CredentialView(
        code=credential.code,
        path=credential_path(credential.code),
        name=credential.name,
        issuer=credential.issuer or NOT_LISTED,
        best_for=credential.best_for or NOT_LISTED,
        exam_summary=credential.exam_summary or NOT_LISTED,
        exam_fee=money_text(credential.exam_fee_usd),
        url=credential.url,
        programs=[(view, certification_cost(program, credential)) for program, view in ranked[:limit]],
        total=len(programs),
    )


@dataclass
class Pagination:
    number: int
    count: int
    path: str
    previous_path: str | None
    next_path: str | None
    pages: list[tuple[int, str] | None]  # a window of page links; None marks a gap ("…")


def browse_pages(views: list[ProgramView], per_page: int) -> list[tuple[Pagination, list[ProgramView]]]:
    """Split the browse list into pages `/`, `/page/2/`, … so the no-JavaScript list stays small."""
    chunks = [views[i : i + per_page] for i in range(0, len(views), per_page)] or [[]]
    paths = ["" if n == 1 else f"page/{n}/" for n in range(1, len(chunks) + 1)]
    result = []
    for index, chunk in enumerate(chunks):
        result.append(
            (
                Pagination(
                    number=index + 1,
                    count=len(chunks),
                    path=paths[index],
                    previous_path=paths[index - 1] if index > 0 else None,
                    next_path=paths[index + 1] if index + 1 < len(chunks) else None,
                    pages=_page_window(paths, index + 1),
                ),
                chunk,
            )
        )
    return result


def _page_window(paths: list[str], current: int, spread: int = 2) -> list[tuple[int, str] | None]:
    """First, last and the pages around the current one; at 10,000 programs listing 200 links helps nobody."""
    wanted = {1, len(paths), *range(current - spread, current + spread + 1)}
    window: list[tuple[int, str] | None] = []
    for number in sorted(n for n in wanted if 1 <= n <= len(paths)):
        if window and window[-1] is not None and number - window[-1][0] > 1:
            window.append(None)
        window.append((number, paths[number - 1]))
    return window


@dataclass
class WorkSetting:
    """One answer to "where do you want to work?", from credentials.csv's best_for column."""

    key: str
    label: str
    codes: list[str]


def work_settings(credentials: list[Credential]) -> list[WorkSetting]:
    settings: dict[str, WorkSetting] = {}
    for credential in credentials:
        if not credential.best_for:
            continue
        key = make_slug(credential.best_for)
        settings.setdefault(key, WorkSetting(key, credential.best_for, [])).codes.append(credential.code)
    return list(settings.values())

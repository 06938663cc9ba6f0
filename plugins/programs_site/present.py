"""Turn typed records into the display values templates show, so templates only display.

"Not listed" is the one word for an unknown value everywhere: never 0, never "No".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .certify import FEE_NOT_LISTED, CertifyCost, certify_costs_by_credential, cost_to_certify
from .fields import make_slug
from .records import Credential, Program

NOT_LISTED = "Not listed"
YES, NO = "Yes", "No"
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
    return NOT_LISTED if value is None else (YES if value else NO)


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
    certify: CertifyCost
    certify_text: str  # the short form cards, tables and the browser's data show
    certify_detail: str  # the long form, with what the amount is made of
    location: str
    verified_stale: bool  # checked more than STALE_DAYS before the build
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


def certify_text(cost: CertifyCost) -> str:
    """The short form, for cards, tables and the browser's data: one amount, or why there is none."""
    if cost.amount is None:
        return NOT_LISTED
    return f"{money_text(cost.amount)} + {FEE_NOT_LISTED}" if cost.fee_missing else money_text(cost.amount)


def certify_detail(cost: CertifyCost) -> str:
    """The long form, for a program's page: what the amount is made of."""
    if cost.amount is None:
        return NOT_LISTED
    exam = f"{cost.code} exam" if cost.code else "exam"
    if cost.voucher:
        return f"{money_text(cost.amount)} ({exam} voucher included)"
    if cost.fee is None:
        return f"{money_text(cost.amount)}, plus an exam fee not listed here"
    return f"{money_text(cost.amount)} ({money_text(cost.program_cost)} program + {money_text(cost.fee)} {exam} fee)"


def certification_costs(program: Program, credentials: dict[str, Credential]) -> list[str]:
    """Every listed credential's cost, when there is more than one to choose from."""
    if program.cost_usd is None:
        return []
    by_code = certify_costs_by_credential(program, credentials)
    return [f"{code}: {certify_detail(cost)}" for code, cost in by_code.items()] if len(by_code) > 1 else []


STALE_DAYS = 365
STALE_NOTE = "Checked more than 12 months ago: confirm the price with the provider."
STALE_SHORT = "checked more than 12 months ago"
CERTIFY_LABEL = "Cost to get certified"


# What a card shows, in order: (ProgramView attribute, label). The server's cards and browse.js's
# (from a <template> of the same partial) both follow this list.
CARD_FACTS = [
    ("certify_text", CERTIFY_LABEL),
    ("duration", "Duration"),
    ("format", "Format"),
    ("location", "Location"),
    ("exam_prep", "Exam prep"),
]
# The empty program the card <template> is rendered with; browse.js fills each data-slot.
CARD_BLANK = {slot: "" for slot in ("id", "path", "name", "provider", "last_verified", *(s for s, _ in CARD_FACTS))}
CARD_BLANK.update(credentials=[], verified_stale=False)
PREPARES_FOR_NOTE = (
    "“Prepares for” names the credential exams the coursework covers. “Exam prep included” says whether the "
    "program also gives exam review and practice exams; without it, students prepare for the exam on their own."
)


def is_stale(verified: dt.date | None, today: dt.date) -> bool:
    return verified is not None and (today - verified).days > STALE_DAYS


def summary_text(program: Program, certify: str = NOT_LISTED) -> str:
    """One plain sentence for the meta description and cards."""
    bits = [FORMAT_LABELS.get(program.format or "", "")]
    bits = [b for b in bits if b]
    if program.credentials:
        bits.append("prepares for " + ", ".join(program.credentials))
    if program.duration_months:
        bits.append(months_text(program.duration_months))
    if certify != NOT_LISTED:
        bits.append(f"{certify} to get certified")
    head = f"{program.name} from {program.provider}"
    return head + (": " + "; ".join(bits) + "." if bits else ".")


def program_view(program: Program, credentials: dict[str, Credential], today: dt.date | None = None) -> ProgramView:
    certify = cost_to_certify(program, credentials)
    cost = money_text(program.cost_usd)
    if program.cost_is_sum:
        cost += " (sum of the parts below)"
    facts = [
        Fact(CERTIFY_LABEL, certify_detail(certify)),
        Fact("Program cost", cost),
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
        certify=certify,
        certify_text=certify_text(certify),
        certify_detail=certify_detail(certify),
        location=location_text(program),
        verified_stale=is_stale(program.last_verified, today or dt.date.today()),
        summary=summary_text(program, certify_text(certify)),
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

    one = {credential.code: credential}
    costs = {id(program): cost_to_certify(program, one, [credential.code]) for program, _ in programs}

    def certify_order(pair: tuple[Program, ProgramView]) -> tuple[bool, float, str]:
        amount = costs[id(pair[0])].amount
        return (amount is None, amount or 0.0, pair[1].name)  # unknown costs last

    ranked = sorted(programs, key=certify_order)
    return CredentialView(
        code=credential.code,
        path=credential_path(credential.code),
        name=credential.name,
        issuer=credential.issuer or NOT_LISTED,
        best_for=credential.best_for or NOT_LISTED,
        exam_summary=credential.exam_summary or NOT_LISTED,
        exam_fee=money_text(credential.exam_fee_usd),
        url=credential.url,
        programs=[(view, certify_text(costs[id(program)])) for program, view in ranked[:limit]],
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
    names: list[str] = field(default_factory=list)

    @property
    def explain(self) -> str:
        """One line that tells two similar settings apart, in credentials.csv's own words."""
        return "Leads to " + " or ".join(self.names) + "."


def work_settings(credentials: list[Credential]) -> list[WorkSetting]:
    settings: dict[str, WorkSetting] = {}
    for credential in credentials:
        if not credential.best_for:
            continue
        key = make_slug(credential.best_for)
        setting = settings.setdefault(key, WorkSetting(key, credential.best_for, []))
        setting.codes.append(credential.code)
        setting.names.append(f"{credential.name} ({credential.code}, {credential.issuer or NOT_LISTED})")
    return list(settings.values())


def verified_range(dates: list[dt.date]) -> str:
    """The footer's honest claim: the oldest and newest checks, not only the newest."""
    if not dates:
        return f"Last verified: {NOT_LISTED.lower()}"
    oldest, newest = min(dates), max(dates)
    if oldest == newest:
        return f"Every listing was last verified on {date_text(newest)}"
    return f"Listings were last verified between {date_text(oldest)} and {date_text(newest)}; each program page gives its own date"

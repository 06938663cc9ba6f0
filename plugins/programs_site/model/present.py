"""Turn typed records into the display values templates show, so templates only display.

"Not listed" is the one word for an unknown value everywhere: never 0, never "No".
Every word here is English in the source and goes through the message catalog (i18n.py): a view
made inside `i18n.language("es")` is worded in Spanish. Constants are the catalog's msgids.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from babel.dates import format_date

from ..data import fields
from ..data.field_spec import BUILTIN, Field, values_of
from ..data.fields import SUPPRESSED, make_slug
from ..data.records import Credential, Program
from ..i18n import N_, SOURCE_LANG, babel_locale, current, gettext, ngettext
from .certify import FEE_NOT_LISTED, CertifyCost, certify_costs_by_credential, cost_to_certify

if TYPE_CHECKING:
    from ..data.field_spec import FieldSpec

NOT_LISTED = N_("Not listed")
YES, NO = N_("Yes"), N_("No")
# How pages word a choice (msgids), from builtin_fields.toml's option_labels.
FORMAT_LABELS = dict(BUILTIN.field("format").option_labels)
PACE_LABELS = dict(BUILTIN.field("pace").option_labels)


def not_listed() -> str:
    return gettext(NOT_LISTED)


def format_label(value: str | None) -> str:
    return gettext(FORMAT_LABELS[value]) if value in FORMAT_LABELS else not_listed()


def money_text(amount: float | None) -> str:
    # en-US and es-US write money alike: `$2,400`, `$1,234.50`.
    if amount is None:
        return not_listed()
    return f"${amount:,.0f}" if amount == int(amount) else f"${amount:,.2f}"


def number_text(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def months_text(span: tuple[float, float] | None) -> str:
    if span is None:
        return not_listed()
    low, high = span
    count = number_text(high) if low == high else f"{number_text(low)}–{number_text(high)}"
    return ngettext("{count} month", "{count} months", 1 if high == 1 else 2).format(count=count)


def yes_no_text(value: bool | None) -> str:
    return not_listed() if value is None else gettext(YES if value else NO)


def percent_text(value: float | str | None) -> str:
    if value == SUPPRESSED:
        return suppressed_text()
    return not_listed() if value is None else f"{number_text(value)}%"


def suppressed_text() -> str:
    return gettext("Suppressed (too few students to report)")


def date_text(value: dt.date | None) -> str:
    """`March 5, 2025` in English, `5 de marzo de 2025` in Spanish (CLDR's long date, US region)."""
    return not_listed() if value is None else _long_date(value, babel_locale())


@functools.lru_cache(maxsize=4096)
def _long_date(value: dt.date, locale: str) -> str:  # Babel takes ~20 µs; listings share few dates
    return format_date(value, "long", locale=locale)


def location_text(program: Program) -> str:
    parts = [p for p in (program.city, program.state) if p]
    return ", ".join(parts) if parts else not_listed()


def list_text(values: list[str]) -> str:
    return ", ".join(values) if values else not_listed()


def translated(record, column: str):
    """(value, True) from the optional `<column>_<lang>` column of the current language when given,
    else (the column as written, False): templates mark text left as written with its `lang`."""
    lang = current()
    if lang != SOURCE_LANG:
        # Spanish columns are in the schema; another language's are kept among the file's other columns.
        value = getattr(record, f"{column}_{lang}", None) or dict(record.extra).get(f"{column}_{lang}")
        if value:
            as_list = isinstance(getattr(record, column), list) and isinstance(value, str)
            return (fields.paragraphs(value) if as_list else value), True
    return getattr(record, column), lang == SOURCE_LANG


TRANSLATED_COLUMNS = ("name", "best_for", "exam_summary", "description")
_TRANSLATION = re.compile(rf"(?:{'|'.join(TRANSLATED_COLUMNS)})_[a-z]{{2,3}}")


def is_translation(header: str) -> bool:
    """A `<column>_<lang>` column: shown in place of its column on that language's pages, never as a detail."""
    return bool(_TRANSLATION.fullmatch(header))


def program_path(program_id: str) -> str:
    return f"programs/{program_id}/"


def credential_path(code: str) -> str:
    return f"credentials/{code.lower()}/"


# Slotted: a program's view is about thirty of these objects, made for every program and held to the end of
# the build (100,000 programs: a __dict__ each would be hundreds of MB, copied into every forked page worker).
@dataclass(slots=True)
class Fact:
    label: str
    text: str
    unknown: bool = field(init=False)  # decided when worded, in the view's language
    # Only a LabelledFact's label can be in another language. Given here too, a template's `fact.lang`
    # is found rather than failing over to Undefined (two exceptions per fact, 280,000 facts at 10,000
    # programs in two languages: about 0.7 s of a build's CPU).
    lang: ClassVar[str] = ""

    def __post_init__(self):
        self.unknown = self.text == not_listed()

    @classmethod
    def worded(cls, label: str, text: str, missing: str) -> Fact:
        """Fact(label, text) where the caller has the language's "Not listed" (`missing`) at hand: a
        view's facts ask for it once, not once a fact (180,000 facts at 10,000 programs)."""
        fact = cls.__new__(cls)
        fact.label, fact.text, fact.unknown = label, text, text == missing
        return fact


@dataclass(slots=True)
class LabelledFact(Fact):
    """A fact about a column data/fields.toml declares: its label may be left in English on a page in
    another language (no label_<lang> given), and then says so with `lang`."""

    lang: str = ""


@dataclass(slots=True)
class CredentialLink:
    code: str
    name: str
    path: str | None  # None for codes credentials.csv does not describe
    translated: bool = True  # the name is in the page's language
    exam: dict | None = None  # attempts, retake fee, pass rate and its year, typed (the compare page's exam rows)


@dataclass(slots=True)
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
    description_lang: str  # "" when in the page's language, else the data's (templates mark it)
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
    # Declared columns shown on cards or in compare (data/fields.toml): {name: worded value}; None without.
    declared: dict[str, str] | None = None
    outcomes_scope: str = field(default="")  # cohort, population, how many students (WIOA reports)
    # The words of built-in card facts the view has no attribute of its own for (a column added to the
    # card place, worded by its type: _CARD_MORE); None when there are none.
    card_more: dict[str, str] | None = None

    def __getitem__(self, slot: str) -> Any:
        """card.html's program[slot]: a card fact, the view's own attribute or card_more's."""
        if self.card_more is not None and slot in self.card_more:
            return self.card_more[slot]
        return getattr(self, slot)


def _exam(credential: Credential) -> dict | None:
    def plain(value):
        return None if value is None else int(value) if value == int(value) else value

    exam = {
        "attempts": plain(credential.exam_attempts),
        "retake_usd": plain(credential.retake_fee_usd),
        "pass_rate": plain(credential.pass_rate),
        "pass_rate_year": plain(credential.pass_rate_year),
    }
    return exam if any(v is not None for v in exam.values()) else None


def credential_links(codes: list[str], credentials: dict[str, Credential]) -> list[CredentialLink]:
    links = []
    for code in codes:
        if code in credentials:
            name, done = translated(credentials[code], "name")
            links.append(CredentialLink(code, name, credential_path(code), done, _exam(credentials[code])))
        else:
            links.append(CredentialLink(code, code, None))
    return links


def certify_text(cost: CertifyCost) -> str:
    """The short form, for cards, tables and the browser's data: one amount, or why there is none."""
    if cost.no_credential:
        return gettext(NO_CREDENTIAL)
    if cost.fee_missing:
        return f"{money_text(cost.known_part)} + {gettext(FEE_NOT_LISTED)}"
    return not_listed() if cost.amount is None else money_text(cost.amount)


def certify_detail(cost: CertifyCost) -> str:
    """The long form, for a program's page: what the amount is made of."""
    if cost.no_credential:
        if cost.program_cost is None:
            return gettext(NO_CREDENTIAL)
        return gettext("No credential listed, so no cost to get certified (program: {amount})").format(
            amount=money_text(cost.program_cost)
        )
    if cost.known_part is None:
        return not_listed()
    amount = money_text(cost.known_part)
    if cost.voucher:
        if cost.code:
            return gettext("{amount} ({code} exam voucher included)").format(amount=amount, code=cost.code)
        return gettext("{amount} (exam voucher included)").format(amount=amount)
    if cost.fee is None:
        return gettext("{amount}, plus an exam fee not listed here").format(amount=amount)
    values = {
        "amount": amount,
        "program": money_text(cost.program_cost),
        "fee": money_text(cost.fee),
        "code": cost.code,
    }
    if cost.code:
        return gettext("{amount} ({program} program + {fee} {code} exam fee)").format(**values)
    return gettext("{amount} ({program} program + {fee} exam fee)").format(**values)


def certification_costs(program: Program, credentials: dict[str, Credential]) -> list[str]:
    """Every listed credential's cost, when there is more than one to choose from."""
    if program.cost_usd is None:
        return []
    by_code = certify_costs_by_credential(program, credentials)
    return [f"{code}: {certify_detail(cost)}" for code, cost in by_code.items()] if len(by_code) > 1 else []


STALE_DAYS = 365
STALE_NOTE = N_("Checked more than 12 months ago: confirm the price with the provider.")
CERTIFY_LABEL = N_("Cost to get certified")
# A program that lists no credential has no cost to get certified (DESIGN.md): said, never a number.
NO_CREDENTIAL = N_("No credential listed")


# The facts of a card's list, in order: (ProgramView attribute, label msgid), from builtin_fields.toml's
# card place and [order].card (a card_kind shows elsewhere on the card). The server's cards and
# browse.js's (from a <template> of the same partial) both follow this list.
_CARD_LIST = tuple(f for f in BUILTIN.shown("card") if not f.card_kind)
CARD_FACTS = [(f.card_slot or f.name, f.compare_label or f.label) for f in _CARD_LIST]


def card_facts() -> list[tuple[str, str]]:
    return [(slot, gettext(label)) for slot, label in CARD_FACTS]


def card_declared(spec: FieldSpec) -> list[tuple[str, str, str]]:
    """(name, label, the label's language when not the page's) of each declared column shown on cards."""
    return [(f.name, *f.label_here()) for f in spec.shown("card")]


# The empty program the card <template> is rendered with; browse.js fills each data-slot.
CARD_BLANK = {
    slot: "" for slot in ("id", "path", "name", "provider", *(f.card_slot or f.name for f in BUILTIN.shown("card")))
}
CARD_BLANK.update(credentials=[], verified_stale=False)  # the badges' slot is a list
PREPARES_FOR_NOTE = N_(
    "“Prepares for” names the credential exams the coursework covers. “Exam prep included” says whether the "
    "program also gives exam review and practice exams; without it, students prepare for the exam on their own."
)


def is_stale(verified: dt.date | None, today: dt.date) -> bool:
    return verified is not None and (today - verified).days > STALE_DAYS


def summary_text(program: Program, certify: str | None = None) -> str:
    """One plain sentence for the meta description and cards."""
    bits = [format_label(program.format)] if program.format in FORMAT_LABELS else []
    if program.credentials:
        bits.append(gettext("prepares for {codes}").format(codes=", ".join(program.credentials)))
    if program.duration_months:
        bits.append(months_text(program.duration_months))
    if certify is not None and certify != not_listed():
        bits.append(gettext("{amount} to get certified").format(amount=certify))
    head = gettext("{name} from {provider}").format(name=program.name, provider=program.provider)
    return head + (": " + "; ".join(bits) + "." if bits else ".")


# The WIOA training-provider report's figures: shown only when the row has them (a listing without
# them keeps its three rates), a suppressed one in words.
# (builtin_fields.toml's `when_listed` outcomes.)
def outcome_facts(program: Program) -> list[Fact]:
    values, words = _LISTED_OUTCOMES
    figures = zip(words, values(program), strict=True)
    return [Fact(gettext(label), say(value)) for (label, say, _), value in figures if value is not None]


def _program_cost(program: Program, certify: CertifyCost) -> str:
    cost = money_text(program.cost_usd)
    return cost + gettext(" (sum of the parts below)") if program.cost_is_sum else cost


# The page facts builtin_fields.toml words in its own way (`words`): the logic is here, the
# declaration says where they show and with which label.
_SPECIAL_WORDS = {
    "certify_detail": lambda program, certify: certify_detail(certify),
    "program_cost": _program_cost,
    "location": lambda program, certify: location_text(program),
}


def _choice_words(labels: dict[str, str]):
    return lambda value: gettext(labels[value]) if value in labels else not_listed()


def _unless_unknown(words):
    return lambda value: not_listed() if value is None else words(value)


# A column's words by its type (one table, read once per column, never per value): a view is made for
# every program in every language, so the page's facts call these directly. Each says an unknown value
# is not listed; a choice without option_labels (a declared one, the state) is shown as written.
_BY_TYPE = {
    "yes-no": yes_no_text,
    "months": months_text,
    "money": money_text,
    "percent": percent_text,
    "list": list_text,
    "number": _unless_unknown(number_text),
    "outcome": percent_text,  # a rate or `suppressed`, which percent_text words
    "date": date_text,
}
_AS_WRITTEN = _unless_unknown(lambda value: value)


def _outcome_money(value: float | str | None) -> str:
    return suppressed_text() if value == SUPPRESSED else money_text(value)


def _words_of(f: Field) -> Callable[[Any], str]:
    """words(value): a column's value worded for a page, in the current language."""
    if f.option_labels:  # a built-in choice worded by its declaration (format, pace)
        return _choice_words(dict(f.option_labels))
    if f.type == "outcome" and f.words == "money":
        return _outcome_money
    return _BY_TYPE.get(f.type, _AS_WRITTEN)


def field_text(f: Field, value: Any) -> str:
    """The value worded for a page, in the current language, as a built-in column of its kind is."""
    return _words_of(f)(value)


def _worder(f) -> tuple[str, Callable, bool]:
    """(label msgid, words, special): words(value), or, when special, words(program, certify)."""
    if f.words in _SPECIAL_WORDS:
        return f.label, _SPECIAL_WORDS[f.words], True
    return f.label, _words_of(f), False


def _facts(columns) -> tuple[Callable, tuple[tuple[str, Callable, bool], ...]]:
    """Worked out once: a getter of the plain columns' values (one call per program), and the words
    of every column in order."""
    words = tuple(_worder(f) for f in columns)
    return values_of(f.name for f, (_, _, special) in zip(columns, words, strict=True) if not special), words


def _worded(facts, program: Program, certify: CertifyCost) -> list[Fact]:
    values, words = facts
    plain = iter(values(program))
    missing = not_listed()
    return [
        Fact.worded(gettext(label), say(program, certify) if special else say(next(plain)), missing)
        for label, say, special in words
    ]


# The program page's facts and first outcomes, in builtin_fields.toml's order for those places.
_OUTCOMES = BUILTIN.shown("outcomes")
_PAGE_FACTS = _facts(BUILTIN.shown("page"))
_ALWAYS_OUTCOMES = _facts(tuple(f for f in _OUTCOMES if not f.when_listed))
_LISTED_OUTCOMES = _facts(tuple(f for f in _OUTCOMES if f.when_listed))


# A card fact the view has no attribute for (a built-in column added to the card place): worded by its
# type into ProgramView.card_more, worked out once here; none for the project's own card facts.
_CARD_MORE = tuple(f for f in _CARD_LIST if not f.card_slot and f.name not in ProgramView.__dataclass_fields__)
_CARD_MORE_FACTS = _facts(_CARD_MORE) if _CARD_MORE else None


_POPULATION_WORDS = dict(BUILTIN.field("outcomes_population").option_labels)


def outcomes_scope(program: Program) -> str:
    """Whom the figures cover: "PY2023, all students, 45 students who left", as far as listed."""
    parts = []
    if program.outcomes_cohort:
        parts.append(program.outcomes_cohort)
    if program.outcomes_population:
        parts.append(gettext(_POPULATION_WORDS[program.outcomes_population]))
    exited = program.outcomes_exited
    if exited == SUPPRESSED:
        parts.append(gettext("number of students suppressed"))
    elif exited is not None:
        parts.append(
            ngettext("{count} student who left", "{count} students who left", int(exited)).format(
                count=number_text(exited)
            )
        )
    return gettext("Covers: {scope}").format(scope=", ".join(parts)) if parts else ""


def program_view(
    program: Program, credentials: dict[str, Credential], today: dt.date | None = None, spec: FieldSpec | None = None
) -> ProgramView:
    """`spec`: the columns data/fields.toml declares; those shown on the page follow the built-in facts."""
    certify = cost_to_certify(program, credentials)
    facts = _worded(_PAGE_FACTS, program, certify)
    outcomes = _worded(_ALWAYS_OUTCOMES, program, certify) + outcome_facts(program)
    declared = None
    if spec and program.declared is not None:
        for f in spec.shown("page"):
            label, lang = f.label_here()
            facts.append(LabelledFact(label, field_text(f, program.declared.get(f.name)), lang))
        declared = {f.name: field_text(f, program.declared.get(f.name)) for f in spec.shown("worded")}
    if all(f.unknown for f in outcomes):
        outcomes = []
    description, description_done = translated(program, "description")
    return ProgramView(
        id=program.id or "",
        path=program_path(program.id or ""),
        name=program.name,
        provider=program.provider,
        format=format_label(program.format),
        duration=months_text(program.duration_months),
        cost=money_text(program.cost_usd),
        exam_prep=yes_no_text(program.exam_prep),
        credentials=credential_links(program.credentials, credentials),
        facts=facts,
        cost_breakdown=[Fact(gettext(label), money_text(amount)) for label, amount in program.cost_parts()],
        certification_costs=certification_costs(program, credentials),
        outcomes=outcomes,
        outcomes_source=program.outcomes_source,
        outcomes_scope=outcomes_scope(program) if outcomes else "",
        description=description,
        description_lang="" if description_done else SOURCE_LANG,
        extra=[Fact(header, value) for header, value in program.extra if not is_translation(header)],
        action_url=program.enroll_url or program.url,
        provider_url=program.url,
        last_verified=date_text(program.last_verified),
        certify=certify,
        certify_text=certify_text(certify),
        certify_detail=certify_detail(certify),
        location=location_text(program),
        verified_stale=is_stale(program.last_verified, today or dt.date.today()),
        summary=summary_text(program, None if certify.no_credential else certify_text(certify)),
        declared=declared,
        card_more=_card_more(program, certify) if _CARD_MORE_FACTS else None,
    )


def _card_more(program: Program, certify: CertifyCost) -> dict[str, str]:
    words = _worded(_CARD_MORE_FACTS, program, certify)
    return {f.name: fact.text for f, fact in zip(_CARD_MORE, words, strict=True)}


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
    # Whether name, best_for and exam_summary are in the page's language (else as written, marked with lang).
    translated: bool = True
    best_for_translated: bool = True
    exam_summary_translated: bool = True
    exam_facts: list[Fact] = field(default_factory=list)  # attempts, retake fee, pass rate (issue 28)
    pass_rate_source: str | None = None


def credential_view(
    credential: Credential,
    programs: list[tuple[Program, ProgramView]],
    limit: int,
    reuse: Callable[[Program, Credential, Callable[[], Any]], Any] | None = None,
) -> CredentialView:
    """The programs cheapest to certify with come first; past `limit` the browse filter takes over,
    which keeps a credential page small when thousands of programs prepare for it. `reuse(program,
    credential, make)`: a long-lived process's last cost (memo.LastViews.cost_with), else make()."""

    one = {credential.code: credential}
    costs = []  # by the program's place in `programs`: no identity key (issue 26)
    for program, _ in programs:
        make = functools.partial(cost_to_certify, program, one, [credential.code])
        costs.append(make() if reuse is None else reuse(program, credential, make))

    def certify_order(index: int) -> tuple[bool, float, str]:
        amount = costs[index].amount
        return (amount is None, amount or 0.0, programs[index][1].name)  # unknown costs last

    ranked = sorted(range(len(programs)), key=certify_order)
    name, name_done = translated(credential, "name")
    best_for, best_for_done = translated(credential, "best_for")
    exam_summary, exam_done = translated(credential, "exam_summary")
    return CredentialView(
        code=credential.code,
        path=credential_path(credential.code),
        name=name,
        issuer=credential.issuer or not_listed(),
        best_for=best_for or not_listed(),
        exam_summary=exam_summary or not_listed(),
        translated=name_done,
        best_for_translated=best_for_done or not best_for,
        exam_summary_translated=exam_done or not exam_summary,
        exam_fee=money_text(credential.exam_fee_usd),
        url=credential.url,
        programs=[(programs[i][1], certify_text(costs[i])) for i in ranked[:limit]],
        total=len(programs),
        exam_facts=exam_facts(credential),
        pass_rate_source=credential.pass_rate_source,
    )


def exam_facts(credential: Credential) -> list[Fact]:
    """Attempts the fee includes, the retake fee and the first-time pass rate with its year."""
    attempts = credential.exam_attempts
    rate = percent_text(credential.pass_rate)
    if credential.pass_rate is not None and credential.pass_rate_year:
        rate = gettext("{rate} in {year}").format(rate=rate, year=f"{credential.pass_rate_year:g}")
    return [
        Fact(
            gettext("Attempts the fee includes"),
            not_listed()
            if attempts is None
            else ngettext("{count} attempt", "{count} attempts", int(attempts)).format(count=number_text(attempts)),
        ),
        Fact(gettext("Retake fee"), money_text(credential.retake_fee_usd)),
        Fact(gettext("First-time pass rate"), rate),
    ]


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
    translated: bool = True  # the label is in the page's language
    explain: str = ""  # one line that tells two similar settings apart, in credentials.csv's own words


def work_settings(credentials: list[Credential]) -> list[WorkSetting]:
    settings: dict[str, WorkSetting] = {}
    for credential in credentials:
        if not credential.best_for:
            continue
        key = make_slug(credential.best_for)  # from the data's words: the same key in every language
        label, done = translated(credential, "best_for")
        setting = settings.setdefault(key, WorkSetting(key, label, [], translated=done))
        setting.codes.append(credential.code)
        name, _ = translated(credential, "name")
        setting.names.append(f"{name} ({credential.code}, {credential.issuer or not_listed()})")
    for setting in settings.values():
        setting.explain = gettext("Leads to {names}.").format(names=gettext(" or ").join(setting.names))
    return list(settings.values())


def verified_range(dates: list[dt.date]) -> str:
    """The footer's honest claim: the oldest and newest checks, not only the newest."""
    if not dates:
        return gettext("Last verified: not listed")
    oldest, newest = min(dates), max(dates)
    if oldest == newest:
        return gettext("Every listing was last verified on {date}").format(date=date_text(newest))
    return gettext(
        "Listings were last verified between {oldest} and {newest}; each program page gives its own date"
    ).format(oldest=date_text(oldest), newest=date_text(newest))

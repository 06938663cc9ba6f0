"""schema.org JSON-LD for search engines, serialised so it is safe inside an HTML <script> block."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from .. import json_text
from ..data.records import Program

# schema.org's suggested words for educationalProgramMode.
PROGRAM_MODES = {"online": "online", "in-person": "onsite", "hybrid": "blended"}


def json_for_html(data: Any) -> Markup:
    """JSON that cannot close its <script> element or start a comment, whatever the data holds."""
    text = json_text.compact(data)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def iso_duration(months: float) -> str:
    """ISO 8601: whole months as P6M, whole weeks as P24W (durations written in weeks), else days."""
    if months == int(months):
        return f"P{int(months)}M"
    weeks = months * 52 / 12
    if abs(weeks - round(weeks)) < 0.05:  # months were rounded to 2 decimals when read
        return f"P{round(weeks)}W"
    return f"P{round(months * 365.25 / 12)}D"


def absolute(siteurl: str, path: str) -> str:
    return f"{siteurl}/{path}" if siteurl else f"/{path}"


def program_jsonld(program: Program, credentials: dict, siteurl: str) -> list[dict]:
    """Only known values: an unknown cost or duration is left out, never guessed."""
    page = absolute(siteurl, f"programs/{program.id}/")
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": program.name,
        "url": page,
        "provider": {
            "@type": "EducationalOrganization",
            "name": program.provider,
            **({"url": program.url} if program.url else {}),
        },
    }
    if program.description:
        data["description"] = " ".join(program.description)
    if program.duration_months:
        data["timeToComplete"] = iso_duration(program.duration_months[1])
    if program.format:
        data["educationalProgramMode"] = PROGRAM_MODES[program.format]
    if program.cost_usd is not None:
        data["offers"] = {"@type": "Offer", "price": program.cost_usd, "priceCurrency": "USD", "category": "Total cost"}
    if program.credentials:
        data["occupationalCredentialAwarded"] = [
            {
                "@type": "EducationalOccupationalCredential",
                "name": credentials[c].name if c in credentials else c,
                "credentialCategory": "certification",
            }
            for c in program.credentials
        ]
    if program.financial_aid is not None:
        data["financialAidEligible"] = "Federal financial aid" if program.financial_aid else "No federal financial aid"
    if program.hours_per_week is not None:
        data["timeOfDay"] = f"About {program.hours_per_week:g} hours per week"
    breadcrumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Programs", "item": absolute(siteurl, "")},
            {"@type": "ListItem", "position": 2, "name": program.name, "item": page},
        ],
    }
    return [data, breadcrumbs]


def faq_jsonld(entries) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": e.question, "acceptedAnswer": {"@type": "Answer", "text": e.answer_text}}
            for e in entries
        ],
    }

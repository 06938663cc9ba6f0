"""Write a deterministic, realistic programs.csv of any size: `python -m benchmarks.generate N out.csv`.

Schools are fictional (invented place names + a kind of school); every other value follows what real
listings look like: a program's kind decides its likely format, cost, length, credentials and
accreditation; a few cells are blank (unknown) or written the way spreadsheets really hold them
("$3,699.00", "24 weeks", "4-6 months", "Y"); descriptions are 30-90 words assembled from phrase
banks, so searching them behaves as it would on real text. The same seed gives the same file, and
the first N rows of a larger file are the file of size N.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import re
import sys

COLUMNS = [
    "id",
    "name",
    "provider",
    "format",
    "duration_months",
    "clock_hours",
    "cost_usd",
    "cost_tuition",
    "cost_fees",
    "cost_books",
    "cost_exam",
    "credentials",
    "exam_prep",
    "exam_voucher_included",
    "accreditation",
    "pace",
    "hours_per_week",
    "externship",
    "financial_aid",
    "military_benefits",
    "city",
    "state",
    "enroll_url",
    "url",
    "description",
    "completion_rate",
    "exam_pass_rate",
    "job_placement_rate",
    "outcomes_source",
    "last_verified",
]
DEFAULT_SEED = 2026
VERIFIED_BEFORE = dt.date(2026, 9, 30)  # fixed, so the file does not depend on the day it is made
EXAM_FEES = {"CPC": 399, "COC": 399, "CIC": 399, "CRC": 399, "CCA": 299, "CCS": 399, "CBCS": 117}

PLACE_STARTS = [
    "Ridge",
    "North",
    "South",
    "East",
    "West",
    "Pine",
    "Oak",
    "Maple",
    "Cedar",
    "Silver",
    "Stone",
    "Clear",
    "Red",
    "Blue",
    "Green",
    "Fair",
    "Glen",
    "Lake",
    "River",
    "Spring",
    "Sun",
    "Summit",
    "Harbor",
    "Prairie",
    "Willow",
    "Elm",
    "Iron",
    "Golden",
    "High",
    "Bright",
    "Mill",
    "Brook",
    "Falcon",
    "Eagle",
    "Cypress",
    "Magnolia",
    "Aspen",
    "Juniper",
    "Copper",
    "Granite",
    "Laurel",
    "Hollow",
    "Amber",
    "Bay",
    "Crystal",
]
PLACE_ENDS = [
    "view",
    "lake",
    "field",
    "wood",
    "brook",
    "ridge",
    "dale",
    "crest",
    "haven",
    "port",
    "ton",
    "ford",
    "vale",
    "mont",
    "side",
    "bury",
    "land",
    "gate",
    "water",
    "point",
    "creek",
    "hill",
    "meadow",
    "shore",
    " Valley",
    " Springs",
    " Heights",
    " Plains",
    " Bluff",
    " County",
]

# kind of school: name, share, formats (weights), cost range, months range, accreditations, aid share,
# military share, web domain, credential tracks it tends to offer
KINDS = [
    {
        "name": "Community College",
        "share": 22,
        "formats": {"hybrid": 4, "in-person": 4, "online": 3},
        "cost": (2200, 6500),
        "months": (8, 24),
        "aid": 0.95,
        "military": 0.75,
        "domain": "edu",
        "accreditation": [
            ["Regionally accredited"],
            ["Regionally accredited", "CAHIIM accredited"],
            ["Regionally accredited", "AAPC Approved Education Partner"],
        ],
        "tracks": {"him": 4, "billing": 3, "cpc": 3, "inpatient": 2, "outpatient": 1},
    },
    {
        "name": "Technical College",
        "share": 14,
        "formats": {"hybrid": 3, "in-person": 5, "online": 2},
        "cost": (2800, 8000),
        "months": (9, 24),
        "aid": 0.9,
        "military": 0.7,
        "domain": "edu",
        "accreditation": [
            ["Regionally accredited"],
            ["Regionally accredited", "CAHIIM accredited"],
            ["State approved"],
        ],
        "tracks": {"him": 3, "billing": 4, "cpc": 3, "inpatient": 1},
    },
    {
        "name": "Career Institute",
        "share": 14,
        "formats": {"in-person": 5, "hybrid": 3, "online": 2},
        "cost": (8000, 15000),
        "months": (6, 15),
        "aid": 0.85,
        "military": 0.6,
        "domain": "edu",
        "accreditation": [["ABHES"], ["ACCSC"], ["ACCSC", "State approved"], ["ABHES", "State approved"]],
        "tracks": {"billing": 6, "cpc": 3, "outpatient": 1},
    },
    {
        "name": "Health Careers Institute",
        "share": 8,
        "formats": {"in-person": 4, "hybrid": 4, "online": 2},
        "cost": (6000, 14000),
        "months": (6, 14),
        "aid": 0.7,
        "military": 0.55,
        "domain": "edu",
        "accreditation": [["ABHES"], ["State approved"], ["COE"]],
        "tracks": {"billing": 5, "cpc": 4, "outpatient": 2},
    },
    {
        "name": "Online Academy",
        "share": 16,
        "formats": {"online": 1},
        "cost": (1000, 4200),
        "months": (3, 12),
        "aid": 0.05,
        "military": 0.45,
        "domain": "com",
        "accreditation": [["AAPC Approved Education Partner"], [], ["DEAC accredited"], ["NHA approved"]],
        "tracks": {"cpc": 5, "billing": 3, "risk": 2, "outpatient": 2, "inpatient": 1},
    },
    {
        "name": "Health Academy Online",
        "share": 7,
        "formats": {"online": 1},
        "cost": (1200, 4800),
        "months": (4, 12),
        "aid": 0.1,
        "military": 0.5,
        "domain": "com",
        "accreditation": [["AAPC Approved Education Partner"], ["DEAC accredited"], []],
        "tracks": {"cpc": 4, "billing": 3, "risk": 2, "inpatient": 1},
    },
    {
        "name": "University Continuing Education",
        "share": 9,
        "formats": {"online": 5, "hybrid": 2},
        "cost": (3000, 7500),
        "months": (6, 12),
        "aid": 0.2,
        "military": 0.7,
        "domain": "edu",
        "accreditation": [["Regionally accredited"], ["Regionally accredited", "AAPC Approved Education Partner"]],
        "tracks": {"cpc": 4, "him": 2, "risk": 1, "inpatient": 2, "outpatient": 2},
    },
    {
        "name": "Workforce Training Center",
        "share": 5,
        "formats": {"in-person": 3, "hybrid": 2, "online": 1},
        "cost": (1000, 3500),
        "months": (3, 8),
        "aid": 0.4,
        "military": 0.3,
        "domain": "org",
        "accreditation": [["State approved"], []],
        "tracks": {"billing": 4, "cpc": 2},
    },
    {
        "name": "Adult School",
        "share": 5,
        "formats": {"in-person": 4, "hybrid": 1},
        "cost": (1000, 3000),
        "months": (4, 10),
        "aid": 0.15,
        "military": 0.2,
        "domain": "org",
        "accreditation": [["WASC accredited"], ["State approved"], []],
        "tracks": {"billing": 4, "cpc": 1},
    },
]

# credential track: program names, credential sets (weighted), topics it teaches
TRACKS = {
    "cpc": {
        "names": [
            "Medical Coding Certificate",
            "Professional Coder Program",
            "CPC Exam Prep Course",
            "Medical Coding Specialist",
            "Physician Office Coding Certificate",
            "Medical Coding Career Program",
        ],
        "credentials": [(["CPC"], 8), (["CPC", "COC"], 2), (["CPC", "CCA"], 2), (["CPC", "CBCS"], 1)],
        "topics": [
            "medical terminology",
            "anatomy and physiology",
            "ICD-10-CM",
            "CPT",
            "HCPCS Level II",
            "modifiers",
            "E/M guidelines",
            "NCCI edits",
            "compliance",
            "pathophysiology",
            "surgical coding",
        ],
    },
    "billing": {
        "names": [
            "Medical Billing and Coding Certificate",
            "Medical Billing and Coding Diploma",
            "Medical Billing and Coding Specialist",
            "Medical Billing Specialist",
            "Billing and Reimbursement Certificate",
            "Medical Office Billing Program",
        ],
        "credentials": [(["CBCS"], 6), (["CPC", "CBCS"], 3), (["CPC"], 2), ([], 1)],
        "topics": [
            "medical terminology",
            "insurance claims",
            "claim forms",
            "explanation of benefits",
            "payer policies",
            "revenue cycle",
            "denials management",
            "ICD-10-CM",
            "CPT",
            "HIPAA",
            "electronic health records",
            "insurance verification",
            "patient billing",
        ],
    },
    "inpatient": {
        "names": [
            "Inpatient Coding Specialist",
            "Hospital Coding Certificate",
            "Facility Coding Program",
            "Advanced Inpatient Coding",
        ],
        "credentials": [(["CCS"], 4), (["CCS", "CIC"], 4), (["CIC"], 2)],
        "topics": [
            "ICD-10-CM",
            "ICD-10-PCS",
            "MS-DRG assignment",
            "present-on-admission indicators",
            "query writing",
            "sequencing",
            "coding compliance",
            "pathophysiology",
            "pharmacology",
            "inpatient documentation",
        ],
    },
    "outpatient": {
        "names": [
            "Outpatient Facility Coding",
            "Ambulatory Surgery Coding Certificate",
            "Outpatient Coding Specialist",
        ],
        "credentials": [(["COC"], 4), (["COC", "CPC"], 3)],
        "topics": [
            "APCs",
            "CPT",
            "HCPCS Level II",
            "NCCI edits",
            "modifiers",
            "ICD-10-CM",
            "outpatient documentation",
            "medical necessity",
            "emergency department coding",
        ],
    },
    "risk": {
        "names": ["Risk Adjustment Coding Course", "HCC Coding Certificate", "Risk Adjustment Coder Program"],
        "credentials": [(["CRC"], 6), (["CRC", "CPC"], 1)],
        "topics": [
            "HCC models",
            "risk adjustment data validation",
            "ICD-10-CM",
            "chronic conditions",
            "documentation requirements",
            "chart review",
            "Medicare Advantage",
        ],
    },
    "him": {
        "names": [
            "Health Information Coding Certificate",
            "Coding Associate Certificate",
            "Health Information Technology Certificate",
            "Medical Coding and Health Records Certificate",
        ],
        "credentials": [(["CCA"], 4), (["CCA", "CCS"], 4), (["CCS"], 1)],
        "topics": [
            "medical terminology",
            "anatomy and physiology",
            "ICD-10-CM",
            "ICD-10-PCS",
            "CPT",
            "health data privacy",
            "electronic health records",
            "health information management",
            "pharmacology",
            "pathophysiology",
        ],
    },
}
NAME_PREFIXES = [("", 14), ("Accelerated ", 1), ("Evening ", 1), ("Online ", 1), ("Advanced ", 1), ("Fast-Track ", 1)]

CITIES = [
    ("Columbus", "OH"),
    ("Dayton", "OH"),
    ("Cleveland", "OH"),
    ("San Antonio", "TX"),
    ("Houston", "TX"),
    ("Austin", "TX"),
    ("El Paso", "TX"),
    ("Tampa", "FL"),
    ("Orlando", "FL"),
    ("Jacksonville", "FL"),
    ("Miami", "FL"),
    ("Phoenix", "AZ"),
    ("Tucson", "AZ"),
    ("Raleigh", "NC"),
    ("Charlotte", "NC"),
    ("Atlanta", "GA"),
    ("Savannah", "GA"),
    ("Chicago", "IL"),
    ("Springfield", "IL"),
    ("Indianapolis", "IN"),
    ("Detroit", "MI"),
    ("Grand Rapids", "MI"),
    ("Milwaukee", "WI"),
    ("Minneapolis", "MN"),
    ("St. Louis", "MO"),
    ("Kansas City", "MO"),
    ("Omaha", "NE"),
    ("Denver", "CO"),
    ("Salt Lake City", "UT"),
    ("Las Vegas", "NV"),
    ("Los Angeles", "CA"),
    ("Sacramento", "CA"),
    ("Fresno", "CA"),
    ("San Diego", "CA"),
    ("Portland", "OR"),
    ("Seattle", "WA"),
    ("Spokane", "WA"),
    ("Boise", "ID"),
    ("Albuquerque", "NM"),
    ("Oklahoma City", "OK"),
    ("Little Rock", "AR"),
    ("Memphis", "TN"),
    ("Nashville", "TN"),
    ("Louisville", "KY"),
    ("Birmingham", "AL"),
    ("Jackson", "MS"),
    ("New Orleans", "LA"),
    ("Columbia", "SC"),
    ("Richmond", "VA"),
    ("Baltimore", "MD"),
    ("Philadelphia", "PA"),
    ("Pittsburgh", "PA"),
    ("Newark", "NJ"),
    ("Brooklyn", "NY"),
    ("Buffalo", "NY"),
    ("Hartford", "CT"),
    ("Providence", "RI"),
    ("Boston", "MA"),
    ("Manchester", "NH"),
    ("Portland", "ME"),
    ("Burlington", "VT"),
    ("Wilmington", "DE"),
    ("Charleston", "WV"),
    ("Des Moines", "IA"),
    ("Fargo", "ND"),
    ("Sioux Falls", "SD"),
    ("Billings", "MT"),
    ("Cheyenne", "WY"),
    ("Anchorage", "AK"),
    ("Honolulu", "HI"),
    ("San Juan", "PR"),
    ("Washington", "DC"),
]
OUTCOME_SOURCES = [
    "Provider's {year} annual report",
    "State workforce board eligible training provider list, {year}",
    "Provider's {year} disclosure to its accreditor",
    "Provider's {year} student outcomes report",
    "College scorecard data, {year}",
]

# ---- description phrase banks: {slots} are filled from the program --------------------------
OPENERS = [
    "A {pace_adj}{format_adj} {kind_word} that prepares {audience} for the {creds} exam.",
    "This {format_adj} {kind_word} teaches {audience} the coding skills employers ask for and ends with {creds} exam preparation.",
    "{a_length} {format_adj} {kind_word} for {audience} who want to work in {setting}.",
    "Designed for {audience}, this {pace_adj}{format_adj} {kind_word} leads to the {creds} credential.",
    "A {format_adj} {kind_word} focused on {setting}, built for {audience}.",
]
CURRICULUM = [
    "Courses cover {topics}.",
    "Lessons cover {topics}.",
    "The curriculum covers {topics}.",
    "Students learn {topics}.",
    "Modules include {topics}.",
    "Coursework spans {topics}.",
]
FORMAT_SENTENCES = {
    "online": [
        "Lectures are recorded, so learners study on their own schedule.",
        "Everything happens in an online classroom with live weekly office hours.",
        "Learners work through video lessons, readings and graded coding exercises online.",
        "Students log in to a learning platform that tracks progress through each chapter.",
    ],
    "hybrid": [
        "Students attend online lectures and Saturday coding labs on campus.",
        "Theory is taught online and practice happens in campus computer labs two evenings a week.",
        "Most coursework is online, with monthly in-person workshops for hands-on chart coding.",
    ],
    "in-person": [
        "Classes meet on campus in small groups with a certified instructor.",
        "Students attend daytime or evening classes in a campus coding lab.",
        "Instruction is in person, with encoder software and current code books in the classroom.",
    ],
}
EXTRAS = {
    "externship": [
        "The final term includes a {hours}-hour externship in a {site}.",
        "An externship at a {site} gives supervised practice on real records.",
    ],
    "prep": [
        "Weekly quizzes and timed practice exams prepare students for the {creds} exam.",
        "A review course and practice exams modelled on the {creds} come at the end.",
        "Students take full-length mock exams before sitting the {creds}.",
    ],
    "voucher": [
        "The price includes one voucher for the {creds} exam.",
        "Tuition covers current-year code books and an exam voucher.",
    ],
    "no_voucher": ["The exam fee is paid separately.", "Code books and the exam fee are not included."],
    "aid": [
        "Federal financial aid is available to eligible students.",
        "Payment plans and financial aid are available.",
    ],
    "military": ["The program is approved for GI Bill and MyCAA benefits.", "Military spouses can use MyCAA funding."],
    "support": [
        "Learners get email access to certified instructors.",
        "A career services team helps with resumes, interviews and job placement.",
        "Students code de-identified charts in an encoder lab.",
        "Graduates receive a certificate of completion and a transcript.",
        "Small class sizes mean instructors know every student.",
        "An advisor checks in with each student every two weeks.",
        "Students join a local chapter of a professional coding association.",
        "Prior healthcare experience is helpful but not required.",
        "A high school diploma or GED is required to enroll.",
        "New cohorts start every month.",
        "Applicants take a short reading and math assessment before enrolling.",
    ],
}
AUDIENCES = [
    "beginners",
    "career changers",
    "working medical assistants",
    "adult learners",
    "recent graduates",
    "billing staff",
    "experienced coders",
    "nurses moving into coding",
    "students with no healthcare background",
]
SETTINGS = {
    "cpc": "physician offices",
    "billing": "clinics and billing offices",
    "inpatient": "hospital inpatient coding",
    "outpatient": "hospital outpatient departments",
    "risk": "health plans and risk adjustment",
    "him": "health information departments",
}
SITES = [
    "regional hospital coding department",
    "physician practice",
    "billing company",
    "community clinic",
    "surgery center",
]
KIND_WORDS = {
    "cpc": "certificate",
    "billing": "diploma program",
    "inpatient": "course",
    "outpatient": "course",
    "risk": "course",
    "him": "certificate",
}


def _weighted(rng: random.Random, options):
    """options: dict value -> weight, or list of (value, weight)."""
    items = list(options.items()) if isinstance(options, dict) else options
    return rng.choices([v for v, _ in items], weights=[w for _, w in items])[0]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _yes_no(rng: random.Random, p_yes: float, blank: float = 0.02) -> str:
    if rng.random() < blank:
        return ""
    yes = rng.random() < p_yes
    # Mostly "yes"/"no", sometimes the spellings spreadsheets hold.
    return (
        rng.choice(["Y", "TRUE", "Yes"] if yes else ["N", "FALSE", "No"])
        if rng.random() < 0.03
        else ("yes" if yes else "no")
    )


class Generator:
    def __init__(self, seed: int = DEFAULT_SEED):
        self.rng = random.Random(seed)
        self.taken_ids: set[str] = set()
        self.provider = None
        self.left_at_provider = 0

    def _new_provider(self) -> dict:
        rng = self.rng
        kind = _weighted(rng, [(k, k["share"]) for k in KINDS])
        place = rng.choice(PLACE_STARTS) + rng.choice(PLACE_ENDS)
        name = f"{place} {kind['name']}"
        city, state = rng.choice(CITIES)
        domain = f"{_slug(place).replace('-', '')}.example.{kind['domain']}"
        self.left_at_provider = rng.choices([1, 2, 3, 4, 5, 6], weights=[3, 4, 4, 3, 2, 1])[0]
        return {"name": name, "kind": kind, "city": city, "state": state, "domain": domain, "used_names": set()}

    def row(self) -> dict[str, str]:
        rng = self.rng
        if self.left_at_provider == 0:
            self.provider = self._new_provider()
        self.left_at_provider -= 1
        provider, kind = self.provider, self.provider["kind"]
        track_key = _weighted(rng, kind["tracks"])
        track = TRACKS[track_key]
        name = _weighted(rng, NAME_PREFIXES) + rng.choice(track["names"])
        if name in provider["used_names"]:
            name += rng.choice([" (Evening)", " (Weekend)", " - Part-Time", " II", " Online Option"])
        provider["used_names"].add(name)
        fmt = _weighted(rng, kind["formats"])
        if name.startswith("Online "):
            fmt = "online"
        pace = ("self-paced" if rng.random() < 0.6 else "scheduled") if fmt == "online" else "scheduled"
        low, high = kind["months"]
        months = max(3, min(24, rng.randint(low, high)))
        credentials = list(_weighted(rng, track["credentials"]))
        exam_prep = _yes_no(rng, 0.9 if credentials else 0.3, blank=0.03)
        voucher = (
            _yes_no(rng, 0.4 if kind["domain"] == "com" else 0.25, blank=0.05)
            if credentials
            else _yes_no(rng, 0.0, blank=0.3)
        )
        externship = _yes_no(rng, 0.15 if fmt == "online" else 0.6)
        aid = _yes_no(rng, kind["aid"])
        military = _yes_no(rng, kind["military"])
        hours_week = rng.choice([6, 8, 10, 10, 12, 12, 15, 15, 20, 25, 30]) if rng.random() > 0.05 else None

        # Cost grows with length inside the kind's range; a few cells are written as spreadsheets hold them.
        c_low, c_high = kind["cost"]
        span = (months - low) / max(1, high - low)
        cost = int(
            round((c_low + (c_high - c_low) * (0.5 * span + 0.5 * rng.random())) / 10.0) * 10
            - rng.choice([0, 0, 1, 5, 10])
        )
        cost = max(1000, min(15000, cost))
        parts = ["", "", "", ""]
        cost_cell = str(cost)
        roll = rng.random()
        if roll < 0.35:  # a breakdown: tuition + fees + books + exam
            exam = EXAM_FEES.get(credentials[0], 0) if credentials and voucher.lower() in ("yes", "y", "true") else 0
            books = rng.choice([0, 0, 250, 300, 360, 400, 460, 600]) if cost > 2000 else 0
            fees = rng.choice([0, 50, 75, 150, 250, 383, 490]) if cost > 1500 else 0
            tuition = max(0, cost - exam - books - fees)
            parts = [str(tuition), str(fees), str(books), str(exam)]
            if roll < 0.05:
                cost_cell = ""  # the total is the sum of the parts
        elif roll < 0.50:
            cost_cell = f"${cost:,.2f}"
        elif roll < 0.53:
            cost_cell = ""  # not published
        duration_cell = str(months)
        roll = rng.random()
        if roll < 0.06 and months <= 9:
            duration_cell = f"{round(months * 52 / 12)} weeks"
        elif roll < 0.10:
            duration_cell = f"{max(1, months - 2)}-{months} months"
        elif roll < 0.13 and months % 12 == 0:
            duration_cell = f"{months // 12} year" + ("s" if months > 12 else "")
        elif roll < 0.15:
            duration_cell = ""
        clock_hours = str(int(round(months * 4.3 * (hours_week or 12) / 20.0) * 10)) if rng.random() > 0.15 else ""
        if fmt == "online" and rng.random() < 0.7:
            city, state = "", ""
        else:
            city, state = provider["city"], provider["state"] if rng.random() > 0.02 else provider["state"].lower()
        accreditation = ";".join(rng.choice(kind["accreditation"]))

        # Ids are at most 100 characters (fields.ID_MAX); a long school and program name is cut, leaving
        # room for the "-2" a taken id gets.
        base_id = (_slug(provider["name"]) + "-" + _slug(name))[:96].rstrip("-")
        program_id, n = base_id, 2
        while program_id in self.taken_ids:
            program_id, n = f"{base_id}-{n}", n + 1
        self.taken_ids.add(program_id)
        path = _slug(name)
        url = f"https://{provider['domain']}/programs/{path}"
        enroll = rng.choice(
            [f"https://{provider['domain']}/apply", f"https://{provider['domain']}/programs/{path}/request-info", ""]
        )

        outcomes = ["", "", "", ""]
        if rng.random() < 0.25:

            def pct(a, b):
                return f"{rng.randint(a, b)}" + ("%" if rng.random() < 0.3 else "")

            outcomes = [
                pct(45, 90),
                pct(50, 95) if credentials else "",
                pct(40, 88),
                rng.choice(OUTCOME_SOURCES).format(year=rng.choice([2024, 2025])),
            ]
        roll = rng.random()
        if roll < 0.03:
            verified = ""
        else:
            age = rng.randint(600, 800) if roll < 0.04 else rng.randint(0, 420)  # a few rows are stale
            verified = (VERIFIED_BEFORE - dt.timedelta(days=age)).isoformat()

        facts = {
            "format": fmt,
            "pace": pace,
            "track": track_key,
            "track_data": track,
            "credentials": credentials,
            "months": months,
            "externship": externship.lower() in ("yes", "y", "true"),
            "prep": exam_prep.lower() in ("yes", "y", "true"),
            "voucher": voucher.lower() in ("yes", "y", "true"),
            "aid": aid.lower() in ("yes", "y", "true"),
            "military": military.lower() in ("yes", "y", "true"),
        }
        format_cell = fmt
        if rng.random() < 0.04:
            format_cell = {
                "online": "Online",
                "in-person": rng.choice(["on-campus", "classroom", "In-Person"]),
                "hybrid": "Hybrid",
            }[fmt]
        return {
            "id": program_id,
            "name": name,
            "provider": provider["name"],
            "format": format_cell,
            "duration_months": duration_cell,
            "clock_hours": clock_hours,
            "cost_usd": cost_cell,
            "cost_tuition": parts[0],
            "cost_fees": parts[1],
            "cost_books": parts[2],
            "cost_exam": parts[3],
            "credentials": ";".join(credentials),
            "exam_prep": exam_prep,
            "exam_voucher_included": voucher,
            "accreditation": accreditation,
            "pace": pace if rng.random() > 0.04 else "",
            "hours_per_week": str(hours_week) if hours_week else "",
            "externship": externship,
            "financial_aid": aid,
            "military_benefits": military,
            "city": city,
            "state": state,
            "enroll_url": enroll,
            "url": url,
            "description": self.description(facts),
            "completion_rate": outcomes[0],
            "exam_pass_rate": outcomes[1],
            "job_placement_rate": outcomes[2],
            "outcomes_source": outcomes[3],
            "last_verified": verified,
        }

    def description(self, facts: dict) -> str:
        """30-90 words: an opener and the curriculum, then sentences that agree with the row's facts."""
        rng = self.rng
        creds = " or ".join(facts["credentials"]) or "industry"
        slots = {
            "pace_adj": "self-paced " if facts["pace"] == "self-paced" else "",
            "format_adj": {"online": "online", "hybrid": "hybrid", "in-person": "campus-based"}[facts["format"]],
            "kind_word": KIND_WORDS[facts["track"]],
            "audience": rng.choice(AUDIENCES),
            "creds": creds,
            "setting": SETTINGS[facts["track"]],
            "a_length": ("An" if facts["months"] in (8, 11, 18) else "A") + f" {facts['months']}-month",
            "hours": rng.choice([40, 60, 80, 120, 160]),
            "site": rng.choice(SITES),
        }
        topics = rng.sample(facts["track_data"]["topics"], k=min(len(facts["track_data"]["topics"]), rng.randint(3, 7)))
        slots["topics"] = ", ".join(topics[:-1]) + " and " + topics[-1]
        opener = rng.choice(OPENERS).format(**slots)
        if not facts["credentials"]:
            opener = opener.replace("for the industry exam", "for entry-level work").replace(
                "the industry credential", "entry-level work"
            )
        fixed = [opener, rng.choice(CURRICULUM).format(**slots)]
        optional = [rng.choice(FORMAT_SENTENCES[facts["format"]])]
        if facts["externship"]:
            optional.append(rng.choice(EXTRAS["externship"]).format(**slots))
        if facts["prep"] and facts["credentials"]:
            optional.append(rng.choice(EXTRAS["prep"]).format(**slots))
        if facts["credentials"]:
            optional.append(rng.choice(EXTRAS["voucher" if facts["voucher"] else "no_voucher"]).format(**slots))
        if facts["aid"]:
            optional.append(rng.choice(EXTRAS["aid"]))
        if facts["military"]:
            optional.append(rng.choice(EXTRAS["military"]))
        optional += rng.sample(EXTRAS["support"], k=3)
        rng.shuffle(optional)
        target = rng.randint(30, 90)
        chosen = list(fixed)
        count = sum(len(s.split()) for s in chosen)
        for sentence in optional:
            words = len(sentence.split())
            if count >= 30 and count + words > target:
                continue
            if count + words > 90:
                continue
            chosen.append(sentence)
            count += words
        while count > 90 and len(topics) > 1:  # only an opener and a long topic list can overshoot
            topics.pop()
            chosen[1] = rng.choice(CURRICULUM).format(topics=" and ".join(topics))
            count = sum(len(s.split()) for s in chosen)
        if len(chosen) > 3 and rng.random() < 0.2:  # some descriptions have two paragraphs
            cut = len(chosen) // 2 + 1
            return " ".join(chosen[:cut]) + "\n\n" + " ".join(chosen[cut:])
        return " ".join(chosen)


def write_csv(count: int, path: str, seed: int = DEFAULT_SEED) -> None:
    generator = Generator(seed)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for _ in range(count):
            writer.writerow(generator.row())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="how many programs")
    parser.add_argument("out", help="where to write the CSV")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("count must be at least 1")
    write_csv(args.count, args.out, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Warning signs in pregnancy that need the maternity unit now, not a back clinic.

The article is not written for pregnancy, and back pain that comes in waves, goes round
to the tummy, or comes with the belly going tight may be labour starting. A pregnant
patient describing tightenings or pains in waves, bleeding, fluid leaking or a baby moving
less is told to call the maternity unit or midwife now. Negated ("no bleeding", "not
leaking anything") and asked about ("is bleeding normal?") mentions are not reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from clinic.scope import about_pregnancy
from clinic.wording import opens_as_question, speaks_of_self

_SIGNS = re.compile(
    r"\bcontractions?\b|\btighten\w*\b|\btightness\s+in\s+my\s+(?:belly|bump|tummy|stomach)\b"
    r"|\b(?:belly|bump|tummy|stomach|womb)\s+(?:goes|going|gets|getting|went|is|feels)\s+"
    r"(?:really\s+|very\s+|all\s+)?(?:tight|hard)\b"
    r"|\b(?:comes?|coming|came)\s+(?:and\s+goes?\s+)?in\s+waves\b|\bin\s+waves\b"
    # Back pain wrapping round to the front, as labour pains do.
    r"|\b(?:goes|going|went|comes|coming|spreads?|spreading|wraps?|wrapping|moves?|moving)\s+"
    r"(?:all\s+the\s+way\s+)?(?:(?:a?round|through)\s+(?:to\s+|into\s+)?|to\s+|into\s+)(?:my|the)\s+"
    r"(?:tummy|belly|bump|front|stomach|abdomen)\b"
    r"|\bevery\s+(?:\d{1,2}|few|couple\s+of|ten|five|fifteen|twenty)\s+(?:or\s+so\s+)?min\w*\b"
    r"|\bbleed\w*\b|\bspotting\b|\bblood\s+(?:in\s+my\s+)?(?:pants|knickers|underwear)\b"
    r"|\bwaters?\s+(?:has\s+|have\s+|just\s+)?(?:broke|broken|gone|going|breaking)\b"
    r"|\bleak\w*\s+(?:fluid|water|liquid)\b|\b(?:fluid|water)\s+leak\w*\b"
    r"|\bbaby\s+(?:is\s+|has\s+been\s+|hasn'?t\s+been\s+|isn'?t\s+|is\s+not\s+)?"
    r"(?:moving\s+less|not\s+moving|hasn'?t\s+moved|stopped\s+moving|moving\s+much\s+less)\b"
    r"|\b(?:less|fewer|reduced)\s+(?:baby\s+)?(?:movements?|kicks)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\b(?:no|not|without|never|haven'?t\s+(?:had|noticed)|hasn'?t|isn'?t|nothing\s+like|"
    r"no\s+sign\s+of|any)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def pregnancy_warning_signs(text: str) -> bool:
    """Whether the message reports a warning sign of pregnancy now (not denied or asked)."""
    for clause in re.split(r"[.;!?,\n]", text):
        if opens_as_question(clause) and not speaks_of_self(clause):
            continue  # "is bleeding normal in pregnancy?": asking, not telling
        for match in _SIGNS.finditer(clause):
            if not _NEGATED.search(clause[: match.start()]):
                return True
    return False


def pregnancy_earlier(texts: Iterable[str]) -> bool:
    """Whether any earlier message of the conversation says the patient is pregnant.

    "It comes in waves and my belly goes tight" is a warning sign only in a conversation
    where the patient said so.
    """
    return any(about_pregnancy(text) for text in texts)

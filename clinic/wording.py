"""How a message is put, whatever it is about: a question, or about the writer themselves.

The check-in, the red-flag reading and the FAQ follow-ups all need to tell "I get tingling
in my leg" (a report) from "does sciatica cause tingling?" (a question).
"""

from __future__ import annotations

import re

_SELF = re.compile(r"\b(?:i|i'm|im|i've|ive|my|me)\b", re.IGNORECASE)
_QUESTION = re.compile(
    r"\?|^\s*(?:what|why|how|which|when|where|who|can|could|does|do|is|are|should|will|would)\b",
    re.IGNORECASE,
)


def is_question(text: str) -> bool:
    """A question mark anywhere, or a question word first ("can i work")."""
    return bool(_QUESTION.search(text))


def speaks_of_self(text: str) -> bool:
    """Whether the writer speaks of themselves: "I", "my", "me"."""
    return bool(_SELF.search(text))

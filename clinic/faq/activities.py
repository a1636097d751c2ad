"""Activities the guide does not name: "can I still do deadlifts?", "is swimming ok?".

The guide speaks of exercise, resistance training, stretching and daily tasks in general.
Asked about one activity it never mentions, the general answer alone would read as a yes
to it; the patient is told the guide does not say, before what it does say.
"""

from __future__ import annotations

import re

# Activities and sports the guide never names, as patients write them.
_ACTIVITY = re.compile(
    r"\b(?P<activity>deadlifts?|squats?|bench\s+press(?:ing)?|kettlebells?|burpees|sit[\s-]?ups"
    r"|crunches|planks?|swimming|swim|yoga|pilates|cycling|biking|spin(?:ning)?\s+class(?:es)?"
    r"|running|jogging|golf|tennis|football|rugby|netball|dancing|zumba|crossfit|hiit|rowing"
    r"|climbing|hiking|skiing|horse\s*riding|boxing|martial\s+arts|karate|judo|tai\s+chi"
    r"|trampolin(?:e|ing)|treadmill|cross[\s-]?trainer|weight\s*lifting|powerlifting)\b",
    re.IGNORECASE,
)
# Asking whether it is all right: "can I", "is it ok", "should I", "what about", "even".
_ASKS_IF_ALL_RIGHT = re.compile(
    r"\b(?:can|could|may|should|shall)\s+(?:i|we|he|she|you)\b|\b(?:is|are)\s+(?:it|they|that)?\s*"
    r"(?:ok|okay|alright|all\s+right|safe|good|bad|fine)\b|\b(?:ok|okay|safe|good|bad)\s+(?:to|for)\b"
    r"|\bwhat\s+about\b|\beven\b|\bstill\b|\?\s*$",
    re.IGNORECASE,
)


def activity_asked_about(text: str) -> str | None:
    """The activity the guide does not name that the message asks about, or None."""
    found = _ACTIVITY.search(text)
    if found is None or not _ASKS_IF_ALL_RIGHT.search(text):
        return None
    return " ".join(found["activity"].lower().split())

"""Whether an FAQ answer helped: the patient's word after it, read as staff will count it.

After an answer the patient can press "Yes, that helped" or "No, it didn't", or type it
("thanks that helped", "that didn't answer my question"); those are the `faq_helpful` and
`faq_not_helpful` intents. A plain "no" right after an answer is ambiguous: "not really"
says the answer missed, "no thanks" only that nothing more is wanted. `no_more_wanted`
tells them apart, so that only the first is counted against the answer.
"""

from __future__ import annotations

import re

from clinic.wording import THANKS_WORDS

HELPFUL = "faq_helpful"
NOT_HELPFUL = "faq_not_helpful"

_NOTHING_MORE = re.compile(
    r"\b(?:" + THANKS_WORDS + r"|"
    r"i'?m\s+(?:ok|okay|fine|good|alright|all\s+right|done)|"
    r"i\s+am\s+(?:ok|okay|fine|good|alright|done)|"
    r"that(?:'?s|\s+is)\s+(?:all|it|everything|fine|ok|okay)|"
    r"all\s+good|nothing\s+(?:else|more)|not\s+(?:now|at\s+the\s+moment|today)|no\s+need|"
    r"never\s*mind|bye|goodbye)\b",
    re.IGNORECASE,
)


def no_more_wanted(text: str) -> bool:
    """Whether a "no" after an answer means "nothing more, thanks", not "that didn't help".

    >>> no_more_wanted("no thanks"), no_more_wanted("not really"), no_more_wanted("nope")
    (True, False, False)
    """
    return bool(_NOTHING_MORE.search(text.replace("\u2019", "'")))

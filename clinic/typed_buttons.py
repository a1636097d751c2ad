"""Which of the buttons just offered a typed message stands for.

Patients often type instead of pressing: the button's words ("ok talk to a specialist"),
or a plain yes or no to a question whose buttons are a yes and a no ("yes, asap please,
any time"). Read on their own, such messages can look like anything; read against the
buttons they answer, they are as clear as the press. This module only decides; the
dialogue glue turns the choice into the button's payload.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence

from clinic.booking.choices import NUMBERS, ORDINALS, pick_index
from clinic.triage.yes_no import normalise, parse_yes_no
from clinic.wording import asks_to_be_called, heard_then_asks, is_question, opening_clause

NEGATIVE_PAYLOADS = frozenset({"/deny"})
"""Payloads that say "no" to the question the buttons answer."""

_FILLER_WORDS = frozenset(
    {"a", "an", "the", "ok", "okay", "okey", "yes", "yeah", "yep", "please", "pls", "plz"}
    | {"i", "id", "i'd", "want", "wanna", "would", "like", "to", "just", "can", "we", "me"}
    | {"let's", "lets", "go", "with", "thanks", "thank", "you"}
)
_MOST_EXTRA_WORDS = 3
"""A title in a longer message counts only when the message is little more than it."""


def _content_words(text: str) -> list[str]:
    return [word for word in normalise(text).split() if word not in _FILLER_WORDS]


def _by_title(text: str, buttons: Sequence[Mapping[str, str]]) -> str | None:
    said = _content_words(text)
    if not said:
        return None
    chosen = []
    for button in buttons:
        title = _content_words(str(button.get("title") or ""))
        if not title:
            continue
        if said == title:
            return str(button["payload"])
        inside = " ".join(title) in " ".join(said) and len(said) <= len(title) + _MOST_EXTRA_WORDS
        if inside:
            chosen.append(str(button["payload"]))
    return chosen[0] if len(chosen) == 1 else None


# "The physio one", "the stretching one": a word of one button's title, pointed at.
_THE_WORD_ONE = re.compile(r"^(?:the\s+)?(?P<words>[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?)\s+one$")
_STEM = 5
"""Letters that make two words one ("physio" and "physical", "stretching" and "stretches")."""


def _by_word(text: str, buttons: Sequence[Mapping[str, str]]) -> str | None:
    match = _THE_WORD_ONE.match(" ".join(_content_words(text)))
    if match is None:
        return None
    stems = {word[:_STEM] for word in match["words"].split()}
    chosen = [
        str(button["payload"])
        for button in buttons
        if stems <= {word[:_STEM] for word in _content_words(str(button.get("title") or ""))}
    ]
    return chosen[0] if len(chosen) == 1 else None


_OPENS_WITH_YES_OR_NO = re.compile(
    r"^\W*(?:yes|yeah|yea|yep|yup|ya|no|nope|nah|sure|ok|okay|fine|please)\b", re.IGNORECASE
)


def _by_yes_or_no(text: str, buttons: Sequence[Mapping[str, str]]) -> str | None:
    payloads = [str(button.get("payload") or "") for button in buttons]
    negatives = [payload for payload in payloads if payload in NEGATIVE_PAYLOADS]
    positives = [payload for payload in payloads if payload not in NEGATIVE_PAYLOADS]
    if len(negatives) != 1 or not positives:
        return None
    if is_question(text) and not _OPENS_WITH_YES_OR_NO.match(text):
        # "So I don't need an appointment?": a question about the offer, not a no to it.
        return None
    # Only the opening answers the question: "yes, but only after 5pm" is a yes.
    answer = parse_yes_no(opening_clause(text))
    if answer is None:
        return None
    if answer and heard_then_asks(text):
        # "ok cool. can I still go to work?": heard, then a question of its own, not a yes.
        return None
    if answer and asks_to_be_called(text):
        # "Yes please, although I'm not good with computers. Could somebody telephone me
        # instead?": a call asked for, which its own reply arranges, not the booking here.
        return None
    return positives[0] if answer else negatives[0]


_POSITION_WORDS = frozenset({"one", "option", "number", "no", "choice", "button", "last", "bottom"})


def _by_position(text: str, buttons: Sequence[Mapping[str, str]]) -> str | None:
    """The button in the place named: "the second one", "2", "option 3", "the last one"."""
    words = _content_words(text)
    ordinal = [word for word in words if word in ORDINALS or word in NUMBERS]
    rest = [word for word in words if word not in _POSITION_WORDS and word not in ordinal]
    if rest or not (ordinal or "last" in words or "bottom" in words):
        return None
    index = pick_index(" ".join(words).replace("bottom", "last"), len(buttons))
    return str(buttons[index]["payload"]) if index is not None else None


Turn = tuple[str, Sequence[Mapping[str, str]]]
"""One event of the conversation: "user" or "bot", and the buttons a bot message had."""


def buttons_before_latest_message(turns: Iterable[Turn]) -> list[Mapping[str, str]]:
    """The buttons of the assistant's last message before the patient's latest one."""
    seen_user = False
    for kind, buttons in reversed(list(turns)):
        if kind == "user":
            if seen_user:
                return []
            seen_user = True
        elif seen_user and kind == "bot" and buttons:
            return list(buttons)
    return []


def typed_choice(text: str, buttons: Sequence[Mapping[str, str]]) -> str | None:
    """The payload of the button `text` stands for, or None when it is not an answer to them.

    A button's own words decide first (one button only), then its place ("the second
    one"), then a word of its title pointed at ("the physio one"); then, for a yes-or-no
    question, the opening yes or no picks the first positive button or the "no" one.
    """
    if not buttons or text.lstrip().startswith("/"):
        return None
    return (
        _by_title(text, buttons)
        or _by_position(text, buttons)
        or _by_word(text, buttons)
        or _by_yes_or_no(text, buttons)
    )


_PAYLOAD = re.compile(r"^/(?P<intent>[\w-]+)(?P<entities>\{.*\})?$", re.DOTALL)


def payload_intent(payload: str) -> tuple[str, dict[str, object]] | None:
    """The intent and entities of a `/intent{"key": "value"}` payload, or None for text."""
    match = _PAYLOAD.match(payload.strip())
    if match is None:
        return None
    entities: dict[str, object] = {}
    if match.group("entities"):
        try:
            loaded = json.loads(match.group("entities"))
        except ValueError:
            return None
        if not isinstance(loaded, dict):
            return None
        entities = loaded
    return match.group("intent"), entities

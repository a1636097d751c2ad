"""The inbox of patients' questions the assistant could not answer, and answers given.

Conversations come in as Rasa's stored events (plain dicts). A patient message is
*unanswered* when one of the replies to it is a decline or a "did you mean"
(`UNANSWERED_REPLIES`); every reply `utter_faq/<key>` counts as an answer of that FAQ.
When the patient then says the answer helped (the reply `FEEDBACK_REPLIES` names) it
counts for that FAQ as helpful; when it did not, as not helpful, and the question that
got the answer joins the unanswered messages, its reply "not helpful" (`NOT_HELPFUL`).

Grouping is deliberately cheap and explainable, so staff can predict it:

1. Messages are normalised (lower case, only letters and digits, single spaces), and
   equal normalised messages are one message with a count.
2. Each message's *words* are its normalised tokens without common function words
   (`STOP_WORDS`), with a plural "s" dropped ("sundays" is "sunday").
3. From the most frequent message down, a message joins the first group whose first
   message shares at least `min_overlap` of their words (Jaccard: shared words over
   all words of the two), else it starts a group. 0.6 puts "are you open on sundays"
   with "is the clinic open on sunday", not "what is sciatica" with "how is sciatica
   treated".

Patients' contact details never reach staff: a message holding a phone number or an
email address (clinic.booking.contact) is shown without them, marked, and offers no
action, so it cannot be copied into the training data. Nothing here reads Redis or
imports Rasa.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from clinic.booking.contact import find_contacts
from clinic.faq.catalogue import RESPONSE_PREFIX
from clinic.faq.checks import normalise_example

UNANSWERED_REPLIES = frozenset(
    {
        "utter_out_of_scope",
        "utter_cannot_answer",
        "utter_default",
        "utter_ask_rephrase",
        "utter_not_covered",
        "utter_offer_contact",
        "utter_did_you_mean",
    }
)
"""The assistant's replies that leave a question unanswered; actions/unclear.py uses it too."""

HELPFUL = "utter_faq_helped"
# "Thank you, that's lovely. Goodbye.": helped, and a goodbye rather than more offered.
HELPFUL_GOODBYE = "utter_faq_helped_goodbye"
NOT_HELPFUL = "utter_faq_not_helpful"
FEEDBACK_REPLIES = frozenset({HELPFUL, HELPFUL_GOODBYE, NOT_HELPFUL})
"""Said only right after an answer, to the patient's "that helped" or "it didn't"."""

CONTACT_MARK = "[contact details hidden]"
DEFAULT_MIN_OVERLAP = 0.6
STOP_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "i",
        "im",
        "me",
        "my",
        "mine",
        "you",
        "your",
        "is",
        "are",
        "am",
        "was",
        "were",
        "be",
        "been",
        "do",
        "does",
        "did",
        "can",
        "could",
        "will",
        "would",
        "should",
        "shall",
        "may",
        "might",
        "to",
        "of",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "about",
        "and",
        "or",
        "but",
        "if",
        "so",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "what",
        "how",
        "why",
        "when",
        "where",
        "which",
        "who",
        "whom",
        "please",
        "hi",
        "hello",
        "hey",
        "thanks",
        "thank",
    }
)


@dataclass(frozen=True)
class Unanswered:
    """One patient message that got no answer, when, and the reply it got instead."""

    text: str
    when: dt.datetime
    reply: str
    masked: bool = False


@dataclass(frozen=True)
class Message:
    """One distinct message in a group (as first written), how often and how recently."""

    text: str
    count: int
    first: dt.datetime
    last: dt.datetime
    masked: bool = False


@dataclass(frozen=True)
class Group:
    """Messages asking about the same thing; the first message names the group."""

    id: str
    messages: tuple[Message, ...]
    replies: Mapping[str, int] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The group's most frequent message."""
        return self.messages[0].text

    @property
    def count(self) -> int:
        """How many times patients sent one of the group's messages."""
        return sum(message.count for message in self.messages)

    @property
    def first(self) -> dt.datetime:
        """When one of them was first sent."""
        return min(message.first for message in self.messages)

    @property
    def last(self) -> dt.datetime:
        """When one of them was last sent."""
        return max(message.last for message in self.messages)


@dataclass(frozen=True)
class Inbox:
    """What staff see: groups of unanswered messages, most frequent first, and answers."""

    groups: tuple[Group, ...]
    answers: Mapping[str, int]
    """How many times each FAQ (by key) was given as an answer."""
    conversations: int = 0
    helpful: Mapping[str, int] = field(default_factory=dict)
    """How many of those answers the patient said helped, by FAQ."""
    not_helpful: Mapping[str, int] = field(default_factory=dict)
    """How many the patient said did not help, by FAQ."""


def mask_contacts(text: str) -> tuple[str, bool]:
    """`text` without any phone number or email address in it, and whether it had one."""
    contacts = find_contacts(text)
    if not contacts:
        return text, False
    return f"{contacts.rest} {CONTACT_MARK}".strip(), True


def _utter_action(event: Mapping[str, Any]) -> str:
    return str((event.get("metadata") or {}).get("utter_action") or "")


def turns(events: Sequence[Mapping[str, Any]]) -> Iterable[tuple[Mapping[str, Any], list[str]]]:
    """Each patient message and the names of the replies to it."""
    message: Mapping[str, Any] | None = None
    replies: list[str] = []
    for event in events:
        kind = event.get("event")
        if kind == "user":
            if message is not None:
                yield message, replies
            message, replies = event, []
        elif kind == "bot" and message is not None:
            replies.append(_utter_action(event))
    if message is not None:
        yield message, replies


def _time(event: Mapping[str, Any]) -> dt.datetime:
    return dt.datetime.fromtimestamp(float(event.get("timestamp") or 0), tz=dt.timezone.utc)


def unanswered(events: Sequence[Mapping[str, Any]]) -> list[Unanswered]:
    """The patient's typed messages in one conversation that got no answer.

    Button presses ("/choose_faq{...}") are left out: the patient did not write them.
    """
    found = []
    for message, replies in turns(events):
        text = " ".join(str(message.get("text") or "").split())
        declines = [reply for reply in replies if reply in UNANSWERED_REPLIES]
        if not text or text.startswith("/") or not declines:
            continue
        shown, masked = mask_contacts(text)
        found.append(Unanswered(shown, _time(message), declines[0], masked))
    return found


def answered_key(replies: Sequence[str]) -> str | None:
    """The FAQ the last answer among `replies` gave, if there was one."""
    keys = [name[len(RESPONSE_PREFIX) :] for name in replies if name.startswith(RESPONSE_PREFIX)]
    return keys[-1] if keys else None


Turn = tuple[Mapping[str, Any], list[str]]


def turn_answered_before(conversation: Sequence[Turn], number: int) -> int | None:
    """The index of the last turn before `number` that the assistant replied to.

    A message that got no reply of its own is skipped: a typed "thanks that helped" that
    the assistant re-reads as the button it matches leaves a turn with no reply before
    the re-read one.
    """
    return next((index for index in range(number - 1, -1, -1) if conversation[index][1]), None)


def _typed(message: Mapping[str, Any]) -> str:
    """The patient's message as written, or "" for a button press ("/choose_faq{...}")."""
    text = " ".join(str(message.get("text") or "").split())
    return "" if text.startswith("/") else text


@dataclass(frozen=True)
class Feedback:
    """The patient's word on one answer: which FAQ, whether it helped, and what was asked."""

    key: str
    helpful: bool
    question: Unanswered | None
    """The last message the patient typed before the answer (None if there was none)."""


def feedback(events: Sequence[Mapping[str, Any]]) -> list[Feedback]:
    """Every "it helped" or "it didn't" in one conversation, each about the answer before it.

    The question is the patient's last typed message up to the answer, so an answer picked
    from "Did you mean...?" buttons is held against the question that led to them.
    """
    found = []
    conversation = list(turns(events))
    for number, (_, replies) in enumerate(conversation):
        said = FEEDBACK_REPLIES.intersection(replies)
        before = turn_answered_before(conversation, number)
        key = answered_key(conversation[before][1]) if before is not None else None
        if not said or key is None or before is None:
            continue
        asked = next(
            (earlier for earlier, _ in reversed(conversation[: before + 1]) if _typed(earlier)),
            None,
        )
        question = None
        if asked is not None:
            shown, masked = mask_contacts(_typed(asked))
            question = Unanswered(shown, _time(asked), NOT_HELPFUL, masked)
        found.append(Feedback(key, bool({HELPFUL, HELPFUL_GOODBYE} & said), question))
    return found


def answers_given(events: Sequence[Mapping[str, Any]]) -> Counter[str]:
    """How many times each FAQ was given as an answer in one conversation."""
    return Counter(
        name[len(RESPONSE_PREFIX) :]
        for event in events
        if event.get("event") == "bot"
        and (name := _utter_action(event)).startswith(RESPONSE_PREFIX)
    )


def words(text: str) -> frozenset[str]:
    """The words that say what a message is about (see the module docstring)."""
    found = set()
    for token in normalise_example(text).split():
        if token in STOP_WORDS:
            continue
        if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
            token = token[:-1]
        found.add(token)
    return frozenset(found)


def overlap(first: frozenset[str], second: frozenset[str]) -> float:
    """Shared words over all words of the two (0 when neither has any)."""
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def group_id(text: str) -> str:
    """A short, stable name for the group a message starts."""
    return hashlib.sha256(normalise_example(text).encode("utf-8")).hexdigest()[:10]


def group_messages(
    items: Iterable[Unanswered], min_overlap: float = DEFAULT_MIN_OVERLAP
) -> list[Group]:
    """Unanswered messages grouped by similarity, the largest group first."""
    distinct: dict[str, list[Unanswered]] = {}
    for item in items:
        distinct.setdefault(normalise_example(item.text) or item.text, []).append(item)
    messages = [
        (
            Message(
                text=same[0].text,
                count=len(same),
                first=min(item.when for item in same),
                last=max(item.when for item in same),
                masked=same[0].masked,
            ),
            Counter(item.reply for item in same),
        )
        for same in distinct.values()
    ]
    messages.sort(key=lambda pair: (-pair[0].count, pair[0].first, pair[0].text))
    groups: list[tuple[frozenset[str], list[Message], Counter[str]]] = []
    for message, replies in messages:
        mine = words(message.text)
        for first_words, members, group_replies in groups:
            if mine and overlap(mine, first_words) >= min_overlap:
                members.append(message)
                group_replies.update(replies)
                break
        else:
            groups.append((mine, [message], Counter(replies)))
    made = [
        Group(group_id(members[0].text), tuple(members), dict(replies))
        for _, members, replies in groups
    ]
    return sorted(made, key=lambda group: (-group.count, group.first, group.text))


def build_inbox(
    conversations: Iterable[Sequence[Mapping[str, Any]]],
    min_overlap: float = DEFAULT_MIN_OVERLAP,
) -> Inbox:
    """The inbox from every stored conversation's events."""
    items: list[Unanswered] = []
    answers: Counter[str] = Counter()
    helpful: Counter[str] = Counter()
    not_helpful: Counter[str] = Counter()
    count = 0
    for events in conversations:
        count += 1
        items += unanswered(events)
        answers.update(answers_given(events))
        for said in feedback(events):
            if said.helpful:
                helpful[said.key] += 1
                continue
            not_helpful[said.key] += 1
            if said.question is not None:
                items.append(said.question)
    return Inbox(
        tuple(group_messages(items, min_overlap)),
        dict(answers),
        count,
        dict(helpful),
        dict(not_helpful),
    )

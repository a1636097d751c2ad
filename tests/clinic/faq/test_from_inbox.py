"""An inbox message becomes an FAQ example or a new FAQ's draft, or is refused with a reason."""

from __future__ import annotations

import datetime as dt

import pytest

from clinic.faq.checks import CheckSettings, check_all
from clinic.faq.from_inbox import InboxActionError, draft_faq, with_example
from clinic.faq.inbox import CONTACT_MARK
from clinic.faq.source import Example, FaqSource

TODAY = dt.date(2026, 12, 3)
SETTINGS = CheckSettings(min_examples=2)


def faq(key: str, *examples: str) -> FaqSource:
    return FaqSource(
        key=key,
        question=f"What about {key}?",
        answer="It is a common cause of back pain. A physiotherapist can help.",
        section="Introduction",
        topic="condition",
        tell_me_more="sciatica" if key != "sciatica" else "stenosis",
        reviewed_by="Dr Ruiz",
        review_date=TODAY,
        examples=tuple(Example(text, n + 20) for n, text in enumerate(examples)),
    )


FAQS = [
    faq("sciatica", "what is sciatica", "sciatica meaning"),
    faq("stenosis", "what is spinal stenosis", "narrowing of the spine"),
]


def test_the_fixture_faqs_pass_the_checks() -> None:
    assert check_all(FAQS, TODAY, SETTINGS) == []


def test_a_message_is_added_as_an_example_as_it_will_be_written() -> None:
    changed = with_example(FAQS, "sciatica", "  why does my leg   hurt ", TODAY, SETTINGS)
    assert [e.text for e in changed.examples][-1] == "why does my leg hurt"
    assert changed.examples[-1].line > changed.line_of("examples")
    assert changed.answer == FAQS[0].answer


@pytest.mark.parametrize(
    ("key", "text", "reason"),
    [
        ("nope", "leg pain", "there is no FAQ 'nope'"),
        ("sciatica", "Sciatica meaning!", "already an example of 'sciatica'"),
        ("sciatica", "what is spinal stenosis?", "stenosis"),
        ("sciatica", "call me 07700 900123", "contact details"),
        ("sciatica", f"parking {CONTACT_MARK}", "contact details"),
        ("sciatica", "   ", "empty"),
        ("sciatica", '/choose_faq{"faq_key": "x"}', "button"),
    ],
)
def test_an_example_is_refused_with_the_reason(key: str, text: str, reason: str) -> None:
    with pytest.raises(InboxActionError, match=reason):
        with_example(FAQS, key, text, TODAY, SETTINGS)


def test_an_existing_problem_elsewhere_does_not_block_an_example() -> None:
    stale = [*FAQS, faq("old", "old question one", "old question two")]
    stale[2] = FaqSource(**{**stale[2].__dict__, "review_date": dt.date(2020, 1, 1)})
    assert check_all(stale, TODAY, SETTINGS)
    changed = with_example(stale, "sciatica", "leg pain at night", TODAY, SETTINGS)
    assert changed.examples[-1].text == "leg pain at night"


def test_a_draft_faq_starts_from_the_message_and_fails_the_checks_until_completed() -> None:
    draft = draft_faq(FAQS, "opening_hours", "are you open on sundays.")
    assert draft.question == "Are you open on sundays?"
    assert [e.text for e in draft.examples] == ["are you open on sundays."]
    problems = [p.message for p in check_all([*FAQS, draft], TODAY, SETTINGS)]
    assert "'answer' is missing or empty" in problems
    assert "'reviewed_by' is missing or empty" in problems


@pytest.mark.parametrize(
    ("key", "text", "reason"),
    [
        ("Opening Hours", "open sunday?", "cannot be a key"),
        ("sciatica", "open sunday?", "already an FAQ 'sciatica'"),
        ("opening_hours", "email me at a.b@example.org", "contact details"),
    ],
)
def test_a_draft_is_refused_with_the_reason(key: str, text: str, reason: str) -> None:
    with pytest.raises(InboxActionError, match=reason):
        draft_faq(FAQS, key, text)

"""Turning an inbox message into FAQ content: a new example, or the start of a new FAQ.

Both decide what to write and refuse with a reason staff can act on; nothing here reads
or writes files. An example is added only when it adds no new problem to the FAQs (the
same checks as `make faq-check`): a message that is nearly another FAQ's example would
make `make retrain` stop, so it is refused now, naming that FAQ, rather than later.

A new FAQ starts as a draft: the message as its first example and, ended with "?", as
its question. The draft fails `make faq-check` until staff fill in the answer, the
section, the review fields and more examples, so it cannot reach patients half-written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from clinic.booking.contact import find_contacts
from clinic.faq.checks import CheckSettings, check_all, normalise_example
from clinic.faq.inbox import CONTACT_MARK
from clinic.faq.source import KEY_PATTERN, Example, FaqSource, parse_source, render_source


class InboxActionError(ValueError):
    """The message cannot be used this way; the message says why, in staff's words."""


def _usable(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise InboxActionError("the message is empty")
    if CONTACT_MARK in text or find_contacts(text):
        raise InboxActionError(
            "the message holds a patient's contact details, which must not go into the "
            "training data; type the question without them instead"
        )
    if text.startswith("/"):
        raise InboxActionError("a message starting with '/' is a button, not a question")
    return text


def with_example(
    faqs: Sequence[FaqSource], key: str, text: str, today: dt.date, settings: CheckSettings
) -> FaqSource:
    """FAQ `key` with `text` added as an example; refused if that adds a check problem."""
    text = _usable(text)
    by_key = {faq.key: faq for faq in faqs}
    if key not in by_key:
        raise InboxActionError(f"there is no FAQ '{key}' (faqs/{key}.yml)")
    faq = by_key[key]
    normal = normalise_example(text)
    if any(normalise_example(example.text) == normal for example in faq.examples):
        raise InboxActionError(f"'{text}' is already an example of '{key}'")
    changed = replace(faq, examples=(*faq.examples, Example(text, 0)))
    # Read back as it will be written, so that problems name the file's real lines.
    changed = parse_source(render_source(changed), key)[0]
    before = {(p.faq, p.message) for p in check_all(faqs, today, settings)}
    after = check_all([changed if f.key == key else f for f in faqs], today, settings)
    new = [problem for problem in after if (problem.faq, problem.message) not in before]
    if new:
        raise InboxActionError(
            "adding it would stop `make retrain`: " + "; ".join(str(p) for p in new)
        )
    return changed


def draft_faq(faqs: Sequence[FaqSource], key: str, text: str) -> FaqSource:
    """A new FAQ `key` started from `text`, for staff to complete."""
    text = _usable(text)
    if not KEY_PATTERN.match(key):
        raise InboxActionError(
            f"'{key}' cannot be a key: use lower case letters, digits and _ (like back_pain)"
        )
    if any(faq.key == key for faq in faqs):
        raise InboxActionError(f"there is already an FAQ '{key}'; add the message to it instead")
    question = text[0].upper() + text[1:]
    if not question.endswith("?"):
        question = question.rstrip(".!") + "?"
    return parse_source(
        render_source(FaqSource(key=key, question=question, examples=(Example(text, 0),))), key
    )[0]

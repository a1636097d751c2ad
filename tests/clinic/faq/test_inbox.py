"""The inbox's pure part: which messages went unanswered, how they group, what is hidden."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

from actions.unclear import UNHELPFUL_RESPONSES
from clinic.faq.inbox import (
    CONTACT_MARK,
    UNANSWERED_REPLIES,
    Unanswered,
    answers_given,
    build_inbox,
    feedback,
    group_messages,
    mask_contacts,
    overlap,
    unanswered,
    words,
)

DAY = 86_400.0
START = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc).timestamp()


def user(text: str, at: float) -> dict[str, Any]:
    return {"event": "user", "text": text, "timestamp": at}


def bot(reply: str, at: float) -> dict[str, Any]:
    return {"event": "bot", "text": "...", "timestamp": at, "metadata": {"utter_action": reply}}


def turn(text: str, reply: str, day: float = 0) -> list[dict[str, Any]]:
    at = START + day * DAY
    return [user(text, at), bot(reply, at + 1), {"event": "action", "timestamp": at + 2}]


def item(text: str, day: int = 0, reply: str = "utter_cannot_answer") -> Unanswered:
    when = dt.datetime.fromtimestamp(START + day * DAY, tz=dt.timezone.utc)
    return Unanswered(text, when, reply)


def test_the_unanswered_replies_are_the_assistants_unhelpful_ones() -> None:
    assert UNANSWERED_REPLIES == UNHELPFUL_RESPONSES


def test_declines_and_did_you_mean_are_unanswered_answers_and_buttons_are_not() -> None:
    events = [
        *turn("are you open on sundays", "utter_cannot_answer"),
        *turn("what is sciatica", "utter_faq/sciatica"),
        *turn("sciatca cure", "utter_did_you_mean"),
        *turn('/choose_faq{"faq_key": "sciatica"}', "utter_default"),
        *turn("bye", "utter_goodbye"),
    ]
    found = unanswered(events)
    assert [(found_item.text, found_item.reply) for found_item in found] == [
        ("are you open on sundays", "utter_cannot_answer"),
        ("sciatca cure", "utter_did_you_mean"),
    ]
    assert found[0].when == dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)


def test_a_message_without_replies_or_a_bot_event_before_any_message_is_not_counted() -> None:
    events = [bot("utter_greet", START), user("hello?", START + 1)]
    assert unanswered(events) == []


def test_answers_are_counted_per_faq() -> None:
    events = [
        *turn("what is sciatica", "utter_faq/sciatica"),
        *turn("sciatica?", "utter_faq/sciatica"),
        *turn("stenosis", "utter_faq/spinal_stenosis"),
        *turn("hi", "utter_greet"),
    ]
    assert answers_given(events) == {"sciatica": 2, "spinal_stenosis": 1}


def test_phone_numbers_and_emails_are_hidden() -> None:
    text, masked = mask_contacts("can you call me on 07700 900123 about my knee")
    assert masked and "07700" not in text and "900123" not in text
    assert text.endswith(CONTACT_MARK) and "knee" in text
    text, masked = mask_contacts("mail ann.lee@example.com the leaflet")
    assert masked and "ann.lee" not in text and "example.com" not in text
    plain = "is 2026 a good year for knees"
    assert mask_contacts(plain) == (plain, False)


def test_an_unanswered_message_with_contact_details_is_stored_masked() -> None:
    [found] = unanswered(turn("ring me 07700 900123 re parking", "utter_out_of_scope"))
    assert found.masked and "900123" not in found.text


def test_words_drop_function_words_case_punctuation_and_plurals() -> None:
    assert words("Are you OPEN on Sundays?!") == {"open", "sunday"}
    assert words("what is it") == frozenset()
    assert words("glass of water") == {"glass", "water"}


def test_overlap_is_shared_over_all_words() -> None:
    assert overlap(frozenset({"a", "b"}), frozenset({"b", "c"})) == 1 / 3
    assert overlap(frozenset(), frozenset()) == 0.0


def test_similar_messages_group_and_different_ones_do_not() -> None:
    groups = group_messages(
        [
            item("Are you open on Sundays?", 0),
            item("are you open on sundays", 3),
            item("is the clinic open on sunday", 5, "utter_did_you_mean"),
            item("what is sciatica", 1),
            item("how is sciatica treated", 2),
        ]
    )
    assert [group.count for group in groups] == [3, 1, 1]
    sundays = groups[0]
    assert sundays.text == "Are you open on Sundays?"
    assert [(m.text, m.count) for m in sundays.messages] == [
        ("Are you open on Sundays?", 2),
        ("is the clinic open on sunday", 1),
    ]
    assert sundays.first.day == 1 and sundays.last.day == 6
    assert sundays.replies == {"utter_cannot_answer": 2, "utter_did_you_mean": 1}
    assert {group.text for group in groups[1:]} == {"what is sciatica", "how is sciatica treated"}
    assert len({group.id for group in groups}) == 3


def test_messages_of_function_words_only_group_only_when_equal() -> None:
    groups = group_messages([item("what is it"), item("what is it?"), item("is it")])
    assert sorted(group.count for group in groups) == [1, 2]


def test_a_lower_overlap_setting_groups_more() -> None:
    texts = [item("what is sciatica"), item("how is sciatica treated")]
    assert len(group_messages(texts, min_overlap=0.5)) == 1
    assert len(group_messages(texts, min_overlap=0.6)) == 2


def test_the_inbox_counts_conversations_groups_and_answers() -> None:
    inbox = build_inbox(
        [
            turn("parking?", "utter_out_of_scope") + turn("sciatica", "utter_faq/sciatica"),
            turn("parking", "utter_cannot_answer", day=2),
            [],
        ]
    )
    assert inbox.conversations == 3
    [group] = inbox.groups
    assert group.count == 2 and (group.last - group.first).days == 2
    assert inbox.answers == {"sciatica": 1}


def test_feedback_counts_for_the_answer_just_before_with_the_question_that_got_it() -> None:
    events = [
        *turn("what is sciatica", "utter_faq/sciatica"),
        *turn("/faq_helpful", "utter_faq_helped"),
        *turn("sciatca cure", "utter_did_you_mean", day=1),
        *turn('/choose_faq{"faq_key": "treatment_options"}', "utter_faq/treatment_options", 1),
        *turn("that didnt answer my question", "utter_faq_not_helpful", day=1),
    ]
    said = feedback(events)
    assert [(one.key, one.helpful) for one in said] == [
        ("sciatica", True),
        ("treatment_options", False),
    ]
    # the button press is not the question: the message typed before it is
    assert said[1].question == item("sciatca cure", 1, "utter_faq_not_helpful")


def test_a_typed_feedback_re_read_as_its_button_counts_once_for_the_answer() -> None:
    events = [
        *turn("wat is sciatica", "utter_faq/sciatica"),
        user("that didnt help", START + 5),  # re-read as the button: no reply of its own
        *turn("/faq_not_helpful", "utter_faq_not_helpful"),
    ]
    [said] = feedback(events)
    assert (said.key, said.helpful) == ("sciatica", False)
    assert said.question is not None and said.question.text == "wat is sciatica"


def test_feedback_with_no_answer_just_before_is_not_counted() -> None:
    events = [
        *turn("what is sciatica", "utter_faq/sciatica"),
        *turn("hello", "utter_greet"),
        *turn("/faq_not_helpful", "utter_faq_not_helpful"),
        *turn("/faq_helpful", "utter_faq_helped"),
    ]
    assert feedback(events) == []


def test_the_inbox_counts_helpful_and_not_helpful_per_faq_and_lists_the_question() -> None:
    conversations = [
        [
            *turn("what is sciatica", "utter_faq/sciatica"),
            *turn("/faq_helpful", "utter_faq_helped"),
        ],
        [
            *turn("sciatica cure", "utter_faq/sciatica", day=2),
            *turn("no it didnt help", "utter_faq_not_helpful", day=2),
        ],
        [
            *turn("cure for sciatica", "utter_faq/sciatica", day=3),
            *turn("/faq_not_helpful", "utter_faq_not_helpful", day=3),
        ],
        [
            *turn("text 07700 900123 re sciatica", "utter_faq/sciatica"),
            *turn("/faq_not_helpful", "utter_faq_not_helpful"),
        ],
    ]
    inbox = build_inbox(conversations)
    assert inbox.answers == {"sciatica": 4}
    assert inbox.helpful == {"sciatica": 1}
    assert inbox.not_helpful == {"sciatica": 3}
    groups = {group.text: group for group in inbox.groups}
    cure = groups["sciatica cure"]
    assert [message.text for message in cure.messages] == ["sciatica cure", "cure for sciatica"]
    assert cure.replies == {"utter_faq_not_helpful": 2}
    assert cure.first.day == 3 and cure.last.day == 4
    masked = next(group for group in inbox.groups if group.messages[0].masked)
    assert "900123" not in masked.text


def test_the_inbox_logic_needs_neither_rasa_nor_redis() -> None:
    code = (
        "import sys, clinic.faq.inbox, clinic.faq.from_inbox; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'rasa', 'rasa_sdk', 'redis'}))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert shown.strip() == "[]"

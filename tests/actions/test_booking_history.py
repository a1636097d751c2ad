from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.booking_history import ChangedHere, changed_here
from actions.contact import say_booking_stopped
from tests.actions.conftest import make_tracker
from tests.actions.test_manage_booking import MOVED_AND_CANCELLED, slot


def test_what_this_conversation_cancelled_and_moved_is_read_from_its_events() -> None:
    changed = changed_here(make_tracker(events=MOVED_AND_CANCELLED))
    assert changed == ChangedHere(frozenset({"JPC-AAA222"}), {"JPC-BBB333": "JPC-CCC444"})


def _stopped(events: list[dict[str, Any]], slots: dict[str, Any]) -> list[str]:
    dispatcher = CollectingDispatcher()
    say_booking_stopped(dispatcher, make_tracker(events=events, slots=slots))
    return [str(message.get("response")) for message in dispatcher.messages]


def test_a_booking_cancelled_here_is_not_said_to_stay_when_a_new_one_is_stopped() -> None:
    cancelled = [slot("manage_reference", "JPC-AAA222"), slot("manage_outcome", "cancelled")]
    slots = {"booking_reference": "JPC-AAA222"}
    assert _stopped(cancelled, slots) == ["utter_stopped_booking"]
    assert _stopped([], slots) == ["utter_stopped_booking_kept"]


def test_a_move_from_a_booking_cancelled_here_is_not_said_to_leave_it_as_it_is() -> None:
    cancelled = [slot("manage_reference", "JPC-AAA222"), slot("manage_outcome", "cancelled")]
    slots = {"booking_reference": "JPC-AAA222", "reschedule_from": "JPC-AAA222"}
    assert _stopped(cancelled, slots) == ["utter_stopped_booking"]
    assert _stopped([], slots) == ["utter_stopped_booking_move"]

"""Event classes: found as Rasa finds them, unknown names failing as in Rasa."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.core.events import BotUttered, Event, SlotSet, UserUttered

from rasa_server.patches import event_classes


@pytest.fixture
def original_resolve() -> Any:
    """Rasa's own event class look-up."""
    return Event.__dict__["resolve_by_type"].__func__


@pytest.mark.parametrize(
    "name", ["slot", "user", "bot", "action", "active_loop", "session_started"]
)
def test_event_classes_are_found_as_rasa_finds_them(original_resolve: Any, name: str) -> None:
    expected = original_resolve(name)
    event_classes.apply()
    assert Event.resolve_by_type(name) is expected
    assert Event.resolve_by_type(name) is expected  # and again, from the cache


def test_an_unknown_event_name_still_fails_or_takes_the_default() -> None:
    event_classes.apply()
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    assert Event.resolve_by_type("topic") is None  # Rasa's backwards-compatible name


def test_a_tracker_reads_back_the_same_after_the_patch() -> None:
    events = [UserUttered("hi"), SlotSet("faq_match", "clear"), BotUttered("hello")]
    dumped = [event.as_dict() for event in events]
    event_classes.apply()
    assert [Event.from_parameters(item) for item in dumped] == events

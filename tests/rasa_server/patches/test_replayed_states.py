"""Dialogue states: Rasa's after every event of every rule and test conversation."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
)
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_server.patches import replayed_states
from rasa_server.patches.replayed_states import REPLAYED
from tests.conftest import PROJECT_ROOT

STORY_FILES = (
    "data/rules.yml",
    "data/rules_booking.yml",
    "data/rules_triage.yml",
    "tests/conversations/test_checkin_stories.yml",
    "tests/conversations/test_faq_stories.yml",
)


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(PROJECT_ROOT / "domain.yml"))


@pytest.fixture(scope="module")
def conversations(domain: Domain) -> list[list[Event]]:
    """The events of every rule and test conversation: forms, slots, loops, check-ins."""
    from rasa.core.training import load_data

    trackers = [
        tracker
        for name in STORY_FILES
        for tracker in load_data(str(PROJECT_ROOT / name), domain, augmentation_factor=0)
    ]
    assert len(trackers) > 50
    return [list(tracker.events) for tracker in trackers]


def rasas_states(domain: Domain, tracker: DialogueStateTracker, omit: bool) -> list[Any]:
    return replayed_states._states_for_tracker_history(domain, tracker, omit)


def our_states(domain: Domain, tracker: DialogueStateTracker, omit: bool) -> list[Any]:
    return replayed_states.states_for_tracker_history(domain, tracker, omit)


@pytest.mark.parametrize("omit_unset_slots", [False, True])
def test_dialogue_states_are_rasas_after_every_event_and_replay_only_new_events(
    domain: Domain, conversations: list[list[Event]], omit_unset_slots: bool
) -> None:
    checked = 0
    for events in conversations:
        tracker = DialogueStateTracker("patient", domain.slots)
        for event in events:
            tracker.update(event)  # as the processor adds them
            ours = our_states(domain, tracker, omit_unset_slots)
            assert ours == rasas_states(domain, tracker, omit_unset_slots)
            # Rasa's featurizers edit the states they get; the next call must not see it.
            for state in ours:
                state.get("user", {}).pop("text", None)
                state.pop("slots", None)
            checked += 1
        replayed = tracker.__dict__[REPLAYED]
        assert replayed.events == tracker.applied_events()  # one replay, extended
    assert checked > 500


@pytest.mark.parametrize(
    "undo",
    [UserUtteranceReverted(), ActionReverted(), Restarted(), SessionStarted()],
    ids=lambda event: type(event).__name__,
)
def test_events_that_undo_history_start_the_replay_again(
    domain: Domain, conversations: list[list[Event]], undo: Event
) -> None:
    events = max(conversations, key=len)
    tracker = DialogueStateTracker("patient", domain.slots)
    for event in events:
        tracker.update(event)
    our_states(domain, tracker, False)
    before = tracker.__dict__[REPLAYED]
    tracker.update(undo)
    assert our_states(domain, tracker, False) == rasas_states(domain, tracker, False)
    assert tracker.__dict__[REPLAYED] is not before
    tracker.update(ActionExecuted("action_listen"))
    assert our_states(domain, tracker, False) == rasas_states(domain, tracker, False)


def test_a_copied_tracker_replays_its_own_history(
    domain: Domain, conversations: list[list[Event]]
) -> None:
    tracker = DialogueStateTracker("patient", domain.slots)
    for event in max(conversations, key=len):
        tracker.update(event)
    our_states(domain, tracker, False)
    assert copy.deepcopy(tracker).__dict__[REPLAYED] is None  # not copied for nothing
    for duplicate in (copy.deepcopy(tracker), copy.copy(tracker), tracker.copy()):
        duplicate.update(SlotSet("checkin_done", True))
        assert our_states(domain, duplicate, False) == rasas_states(domain, duplicate, False)
    assert our_states(domain, tracker, False) == rasas_states(domain, tracker, False)


def test_histories_for_machine_learned_policies_go_to_rasa(
    domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracker = DialogueStateTracker("patient", domain.slots)
    expected = rasas_states(domain, tracker, False)
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(
        replayed_states, "_states_for_tracker_history", lambda *args: calls.append(args)
    )
    rule_only = {"slots": ["faq_match"], "loops": []}
    replayed_states.apply()
    tracker.past_states(domain, ignore_rule_only_turns=True, rule_only_data=rule_only)
    assert calls == [(domain, tracker, False, True, rule_only)]
    assert tracker.past_states(domain) == expected  # ours
    assert len(calls) == 1 and REPLAYED in tracker.__dict__

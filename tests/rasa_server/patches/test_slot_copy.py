"""Slots are copied as Python's own `copy.copy` copies them."""

from __future__ import annotations

import copy

from rasa.shared.core.domain import Domain

from rasa_server.patches import slot_copy
from tests.conftest import PROJECT_ROOT


def test_slots_are_copied_as_pythons_own_copy_copies_them() -> None:
    slots = Domain.load(str(PROJECT_ROOT / "domain.yml")).slots
    slots[0].value = ["a", "list"]  # a mutable value: shared by the copy, as before
    expected = [copy.copy(slot) for slot in slots]
    slot_copy.apply()
    actual = [copy.copy(slot) for slot in slots]
    assert {type(slot).__name__ for slot in slots} >= {"TextSlot", "BooleanSlot", "FloatSlot"}
    for original, theirs, ours in zip(slots, expected, actual, strict=True):
        assert type(ours) is type(theirs) and ours is not original
        assert ours.__dict__ == theirs.__dict__
        assert all(ours.__dict__[key] is value for key, value in original.__dict__.items())
    actual[0].value = "changed"
    assert slots[0].value == ["a", "list"]

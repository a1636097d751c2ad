"""The domain's responses, read as Rasa reads them."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
import yaml

from tests.conftest import PROJECT_ROOT

_OTHER = object()
"""A slot value no condition names."""


def _domain() -> dict[str, Any]:
    return yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))


def _possible_values(slot: dict[str, Any], named: set[Any]) -> list[Any]:
    """The values a slot can hold, as far as the conditions on it can tell apart."""
    values: list[Any] = sorted(named, key=repr)
    if slot.get("type") == "bool":
        values = [True, False]
    elif slot.get("type") == "categorical":
        values = list(slot.get("values") or [])
    else:
        values.append(_OTHER)
    if "initial_value" not in slot or slot["initial_value"] is None:
        values.append(None)
    return values


def _matches(condition: list[dict[str, Any]], slots: dict[str, Any]) -> bool:
    return all(slots[part["name"]] == part["value"] for part in condition)


def _conditional_responses() -> list[tuple[str, list[list[dict[str, Any]]]]]:
    found = []
    for name, variations in _domain()["responses"].items():
        conditions = [v["condition"] for v in variations if v.get("condition")]
        if len(conditions) > 1:
            found.append((name, conditions))
    return found


@pytest.mark.parametrize(("name", "conditions"), _conditional_responses())
def test_at_most_one_conditional_variation_matches_any_slot_values(
    name: str, conditions: list[list[dict[str, Any]]]
) -> None:
    # Rasa says one of the matching variations at random: two that match the same slot
    # values would make the reply a coin toss.
    slots = _domain()["slots"]
    names = sorted({part["name"] for condition in conditions for part in condition})
    choices = [
        _possible_values(
            slots[slot],
            {
                part["value"]
                for condition in conditions
                for part in condition
                if part["name"] == slot
            },
        )
        for slot in names
    ]
    for values in itertools.product(*choices):
        filled = dict(zip(names, values, strict=True))
        matching = [c for c in conditions if _matches(c, filled)]
        assert len(matching) <= 1, (name, filled, matching)

"""The domain's responses, read as Rasa reads them."""

from __future__ import annotations

import itertools
import re
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


def _placeholders_filled_by_actions() -> dict[str, set[str]]:
    """Each response with a `{name}` that is no slot: only an action can fill it."""
    domain = _domain()
    slots = set(domain.get("slots") or {})
    found: dict[str, set[str]] = {}
    for name, variations in (domain.get("responses") or {}).items():
        for variation in variations:
            names = set(re.findall(r"(?<!\{)\{(\w+)\}(?!\})", str(variation.get("text") or "")))
            if names - slots:
                found.setdefault(name, set()).update(names - slots)
    return found


def test_no_rule_or_story_says_a_response_whose_placeholders_no_slot_fills() -> None:
    # "our team can help on {phone} ({hours})" said by a rule reached a patient unfilled.
    unfilled = _placeholders_filled_by_actions()
    said_by_data = set()
    for path in (PROJECT_ROOT / "data").rglob("*.yml"):
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            for kind in ("rules", "stories"):
                for entry in (document or {}).get(kind) or []:
                    for step in entry.get("steps") or []:
                        if isinstance(step, dict) and step.get("action") in unfilled:
                            said_by_data.add((path.name, step["action"]))
    assert not said_by_data, sorted(said_by_data)
    assert "utter_appointment_not_found" in unfilled, "the check reads the domain's placeholders"

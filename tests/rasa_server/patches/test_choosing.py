"""RASA_PATCHES: which patches run, and that `none` is Rasa exactly as installed."""

from __future__ import annotations

import copy
import os
import subprocess
import sys

import pytest

from rasa_server import patches
from tests.conftest import PROJECT_ROOT

# What the README and docs/decisions/0005-rasa-patches.md say runs by default.
DOCUMENTED_DEFAULT = {
    "reply_validation",
    "event_classes",
    "gc_freeze",
    "slot_copy",
    "graph_runner",
    "action_connections",
}
RISKY = {"log_arguments", "replayed_states", "kept_trackers"}


def targets_of(names: set[str] | tuple[str, ...]) -> set[tuple[int, str]]:
    return {
        (id(owner), attribute)
        for name in names
        for owner, attribute in patches.patch(name).targets()
    }


def is_rasas_own(owner: object, attribute: str) -> bool:
    """Whether `owner.attribute` is what Rasa (or the project's store) defines itself."""
    value = vars(owner).get(attribute)
    if attribute == "copy":
        return value is copy
    if attribute == "keeps_trackers":
        return value is False
    if value is None:  # a patch that adds an attribute Rasa does not define
        return True
    function = getattr(value, "__func__", value)
    return str(getattr(function, "__module__", "")).startswith("rasa.")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, patches.DEFAULT),
        ("", patches.DEFAULT),
        (" default ", patches.DEFAULT),
        ("all", patches.NAMES),
        ("none", ()),
        ("graph_runner, Slot_Copy", ("slot_copy", "graph_runner")),
        ("default,replayed_states", (*patches.DEFAULT, "replayed_states")),
        ("kept_trackers,,all", patches.NAMES),
    ],
)
def test_the_setting_chooses_the_patches(value: str | None, expected: tuple[str, ...]) -> None:
    assert patches.chosen(value) == expected


@pytest.mark.parametrize("value", ["slot_copy,no_such_patch", "fixes", "none,slot_copy"])
def test_an_unknown_or_contradictory_setting_fails_with_what_is_known(value: str) -> None:
    with pytest.raises(patches.PatchSettingError, match="RASA_PATCHES") as raised:
        patches.chosen(value)
    if "none" not in value:
        assert "no patch called" in str(raised.value)
        assert all(name in str(raised.value) for name in patches.NAMES)


def test_the_default_is_the_documented_low_risk_set() -> None:
    assert set(patches.DEFAULT) == DOCUMENTED_DEFAULT
    assert RISKY.isdisjoint(patches.DEFAULT)
    assert set(patches.NAMES) == DOCUMENTED_DEFAULT | RISKY


def test_none_leaves_rasa_untouched() -> None:
    owners = patches.owners()
    targets = [target for name in patches.NAMES for target in patches.patch(name).targets()]
    assert all(is_rasas_own(owner, attribute) for owner, attribute in targets)
    before = patches.snapshot(owners)
    assert patches.apply_from_environment({"RASA_PATCHES": "none"}) == ()
    assert patches.changed(before, owners) == set()
    assert all(is_rasas_own(owner, attribute) for owner, attribute in targets)


@pytest.mark.parametrize(
    ("env", "expected"), [({}, DOCUMENTED_DEFAULT), ({"RASA_PATCHES": "all"}, set(patches.NAMES))]
)
def test_the_setting_replaces_exactly_what_its_patches_name(
    env: dict[str, str], expected: set[str]
) -> None:
    owners = patches.owners()
    before = patches.snapshot(owners)
    assert set(patches.apply_from_environment(env)) == expected
    assert patches.changed(before, owners) == targets_of(expected)


@pytest.mark.parametrize("name", patches.NAMES)
def test_each_patch_replaces_what_it_declares_and_nothing_else_of_those_owners(
    name: str,
) -> None:
    owners = patches.owners()
    before = patches.snapshot(owners)
    patches.apply([name])
    assert patches.changed(before, owners) == targets_of((name,))


def test_another_rasa_version_is_refused_unless_no_patch_is_asked_for() -> None:
    owners = patches.owners()
    before = patches.snapshot(owners)
    with pytest.raises(patches.RasaVersionError, match=r"3\.6\.21"):
        patches.apply(patches.DEFAULT, "3.7.0")
    patches.apply((), "3.7.0")
    assert patches.changed(before, owners) == set()


def test_the_server_refuses_to_start_with_an_unknown_patch() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rasa_server", "--version"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "RASA_PATCHES": "default,replayed_state"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 1
    assert "PatchSettingError: RASA_PATCHES=" in result.stderr
    assert "no patch called 'replayed_state'" in result.stderr


def test_the_server_says_which_patches_it_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rasa_server", "--version"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "RASA_PATCHES": "none"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "rasa_server: Rasa patches: none" in result.stderr

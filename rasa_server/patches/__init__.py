"""Patches to Rasa 3.6.21, one per module, chosen at start-up with `RASA_PATCHES`.

Each patch replaces one thing in Rasa that a profile of this assistant found slow, keeps
Rasa's results (its tests compare with Rasa's own code), and names what it replaces,
its measured gain and its upstream link in its module docstring.

`RASA_PATCHES` (read by `python -m rasa_server`, before Rasa starts):

- unset or empty, or `default`: the low-risk patches (`DEFAULT` below);
- `all`: every patch, including those that trade a guarantee of Rasa's for speed;
- `none`: Rasa exactly as installed (no version check either);
- `name,name,...`: those patches only; `default,name` adds to the default ones.

An unknown name stops the server with the list of known ones: a typo must not quietly
run another configuration than the one asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from types import ModuleType
from typing import Protocol

import rasa

SETTING = "RASA_PATCHES"
RASA_VERSION = "3.6.21"

NAMES = (
    "reply_validation",
    "event_classes",
    "gc_freeze",
    "slot_copy",
    "graph_runner",
    "action_connections",
    "log_arguments",
    "replayed_states",
    "kept_trackers",
)
"""Every patch, in the order it is applied (the name of its module here)."""

DEFAULT = (
    "reply_validation",
    "event_classes",
    "gc_freeze",
    "slot_copy",
    "graph_runner",
    "action_connections",
)
"""The low-risk patches. The others give up something of Rasa's (a debug log's snapshot of
its values, a fresh replay of the history, a tracker rebuilt from what Redis holds) and
run only when named."""

_WORDS = ("all", "none", "default")
_MISSING = object()


class PatchSettingError(ValueError):
    """`RASA_PATCHES` names something that is not a patch."""


class RasaVersionError(RuntimeError):
    """The installed Rasa is not the one these patches were written and measured for."""


class PatchModule(Protocol):
    """What each patch module provides."""

    def targets(self) -> list[tuple[object, str]]:
        """The (owner, attribute) pairs the patch replaces."""

    def apply(self) -> None:
        """Replace them."""


def patch(name: str) -> PatchModule:
    """The module of patch `name`."""
    module: ModuleType = importlib.import_module(f"{__name__}.{name}")
    return module


def chosen(value: str | None) -> tuple[str, ...]:
    """The patches a `RASA_PATCHES` value selects, in the order they are applied."""
    words = [word.strip().lower() for word in (value or "").split(",")]
    words = [word for word in words if word]
    if not words:
        return DEFAULT
    unknown = [word for word in words if word not in NAMES and word not in _WORDS]
    if unknown:
        raise PatchSettingError(
            f"{SETTING}={value!r}: no patch called {', '.join(map(repr, unknown))}. "
            f"Use all, none, default, or names from: {', '.join(NAMES)}."
        )
    if "none" in words and len(words) > 1:
        raise PatchSettingError(f"{SETTING}={value!r}: 'none' cannot be combined with patches.")
    selected: set[str] = set()
    for word in words:
        if word == "all":
            selected.update(NAMES)
        elif word == "default":
            selected.update(DEFAULT)
        elif word != "none":
            selected.add(word)
    return tuple(name for name in NAMES if name in selected)


def apply(names: Iterable[str], version: str = rasa.__version__) -> None:
    """Apply the named patches; RasaVersionError on any other Rasa than the one measured.

    An upgrade must not silently keep patches it no longer needs, or break them.
    """
    names = tuple(names)
    if names and version != RASA_VERSION:
        raise RasaVersionError(
            f"rasa_server.patches were written for Rasa {RASA_VERSION}, found {version}: "
            f"run with {SETTING}=none, profile the message path again, then update or "
            "drop the patches."
        )
    for name in names:
        patch(name).apply()


def apply_from_environment(env: Mapping[str, str]) -> tuple[str, ...]:
    """Apply the patches `env`'s RASA_PATCHES selects; return their names."""
    names = chosen(env.get(SETTING))
    apply(names)
    return names


Snapshot = dict[tuple[int, str], object]


def owners() -> list[object]:
    """Everything any patch replaces an attribute of (classes and modules)."""
    found: dict[int, object] = {}
    for name in NAMES:
        for owner, _ in patch(name).targets():
            found.setdefault(id(owner), owner)
    return list(found.values())


def snapshot(objects: Iterable[object]) -> Snapshot:
    """Every attribute the objects themselves hold (not inherited), by identity."""
    return {
        (id(owner), attribute): value
        for owner in objects
        for attribute, value in vars(owner).items()
    }


def changed(before: Snapshot, objects: Iterable[object]) -> set[tuple[int, str]]:
    """Which attributes of `objects` were added, removed or replaced since `before`."""
    after = snapshot(objects)
    return {
        key
        for key in before.keys() | after.keys()
        if before.get(key, _MISSING) is not after.get(key, _MISSING)
    }


def restore(before: Snapshot, objects: Iterable[object]) -> None:
    """Put back what `snapshot` saw: replaced attributes restored, added ones removed."""
    objects = list(objects)
    by_id = {id(owner): owner for owner in objects}
    for owner_id, attribute in changed(before, objects):
        owner = by_id[owner_id]
        value = before.get((owner_id, attribute), _MISSING)
        if value is _MISSING:
            delattr(owner, attribute)
        else:
            setattr(owner, attribute, value)

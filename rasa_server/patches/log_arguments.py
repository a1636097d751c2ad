"""Debug-log arguments passed as they are instead of deep-copied (off unless named).

Replaces the name `copy` in five Rasa modules of the message path with an object whose
`deepcopy` returns its argument, e.g.
https://github.com/RasaHQ/rasa/blob/3.6.21/rasa/core/processor.py#L207 and
https://github.com/RasaHQ/rasa/blob/3.6.21/rasa/core/policies/rule_policy.py#L1027.

Why: Rasa deep-copies what it passes to structlog's debug lines (each parse, each
prediction's dialogue states, each action's events) before the logger decides to drop
them, with debug logging off too. In these modules every use of `copy` is such a log
argument (the tests check their source).

Risk, and why it is off by default: it rebinds a module global inside Rasa, and a debug
log line no longer holds a snapshot of its values, so a log processor that kept an entry
past the call would see later changes. A Rasa release that used `copy` for anything else
in these modules would get the wrong behaviour silently if the source check were skipped.

Measured gain: about 1 ms a message.

Upstream: no Rasa issue or pull request about this was found.
"""

from __future__ import annotations

import copy
import importlib
from types import ModuleType
from typing import Any


class LogArgumentsUncopied:
    """Stands in for the `copy` module where Rasa deep-copies only what it logs."""

    @staticmethod
    def deepcopy(value: Any, memo: Any = None) -> Any:
        """The value itself: the logger renders it at once and does not change it."""
        return value


# Message-path modules in which every use of `copy` is `copy.deepcopy(...)` inside a
# `structlogger` call.
LOG_ONLY_COPIES = (
    "rasa.core.processor",
    "rasa.core.policies.rule_policy",
    "rasa.core.actions.forms",
    "rasa.core.channels.rest",
    "rasa.core.nlg.interpolator",
)


def targets() -> list[tuple[ModuleType, str]]:
    """What this patch replaces."""
    return [(importlib.import_module(name), "copy") for name in LOG_ONLY_COPIES]


def apply() -> None:
    """Pass log arguments uncopied in those modules."""
    for module, attribute in targets():
        if getattr(module, attribute) not in (copy, LogArgumentsUncopied):
            raise RuntimeError(f"{module.__name__}.copy is not the copy module any more")
        setattr(module, attribute, LogArgumentsUncopied)

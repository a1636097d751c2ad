"""Library deprecation warnings stay out of the servers' output.

A library's deprecation warning (sanic_cors using distutils, pyparsing's old names, click
inside typer) is for that library's authors, not for whoever runs the clinic's servers,
and a hundred of them at start-up hide the lines that matter. Python's `PYTHONWARNINGS`
cannot silence them in our servers: Sanic turns deprecation warnings back on
(`filterwarnings("once", category=DeprecationWarning)`) when it is imported. So the
filters are added after Sanic, and they leave our own packages' warnings visible.
"""

from __future__ import annotations

import warnings

OUR_PACKAGES = (
    "action_server",
    "actions",
    "channels",
    "clinic",
    "dialogue",
    "nlu_pipeline",
    "rasa_server",
    "scheduling_service",
    "startup",
    "tools",
)
QUIET_CATEGORIES: tuple[type[Warning], ...] = (DeprecationWarning, PendingDeprecationWarning)
LIBRARY_MODULES = r"(?!(?:" + "|".join(OUR_PACKAGES) + r")(?:\.|$))"
"""A module name that is not one of ours (the filter's `module` is matched from the start)."""


def quiet_library_warnings() -> None:
    """Ignore other libraries' deprecation warnings from now on; ours still show."""
    import sanic.app  # noqa: F401  (its own filter is installed on import, so first)

    for category in QUIET_CATEGORIES:
        warnings.filterwarnings("ignore", category=category, module=LIBRARY_MODULES)

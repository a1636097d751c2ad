"""How this project starts the action server.

`python -m action_server --actions actions -p 5055` is `python -m rasa_sdk ...` without
TensorFlow: spaCy (the red-flag matcher) imports it through thinc when it is installed,
only for TensorFlow interop the actions never use. Not importing it (nor JAX, which
TensorFlow pulls in) keeps the action server at about a fifth of the memory
(README, "Performance").
"""

from __future__ import annotations

import sys

# What the action server never needs; both libraries carry on without it (ImportError).
NOT_LOADED = ("tensorflow", "jax")

# How the project's tools start the action server: this interpreter, this package.
COMMAND = (sys.executable, "-m", "action_server")


def keep_out_unused_libraries() -> None:
    """Make `import tensorflow` / `import jax` fail fast in this process (ImportError)."""
    for name in NOT_LOADED:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]

"""`python -m rasa_server <rasa arguments>`: Rasa's own command line, with our fixes applied.

Sanic's extra workers are forked from this process, so they inherit the fixes too.
"""

from __future__ import annotations

import sys

# TensorFlow 2.12 imports JAX (a declared dependency) only for TFLite's converter, which
# Rasa never uses, and carries on without it (`except ImportError`). Not importing it
# saves about 65 MB in every Rasa process. Set before Rasa (and so TensorFlow) is imported.
sys.modules.setdefault("jax", None)  # type: ignore[arg-type]

from rasa.__main__ import main  # noqa: E402

from rasa_server import fixes  # noqa: E402

if __name__ == "__main__":
    fixes.apply()
    main()

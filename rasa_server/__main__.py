"""`python -m rasa_server <rasa arguments>`: Rasa's own command line, with our patches applied.

Which patches is `RASA_PATCHES`'s choice (see `patches/__init__.py`). Sanic's extra
workers are forked from this process, so they inherit them too.
"""

from __future__ import annotations

import os
import sys

# NumPy's and SciPy's OpenBLAS start a thread per core that busy-waits after each small
# matrix product (the novelty gate's, scikit-learn's). Measured on 2 cores, one sender:
# 66 ms of CPU per message instead of 38, at the same latency, so a second worker or
# another service on the machine lost most of a core. Read when NumPy is first imported,
# so it is set here, before Rasa; an operator's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# TensorFlow 2.12 imports JAX (a declared dependency) only for TFLite's converter, which
# Rasa never uses, and carries on without it (`except ImportError`). Not importing it
# saves about 65 MB in every Rasa process. Set before Rasa (and so TensorFlow) is imported.
sys.modules.setdefault("jax", None)  # type: ignore[arg-type]

from rasa.__main__ import main  # noqa: E402

from rasa_server import REQUEST_MAX_BYTES, patches, secret_arguments  # noqa: E402

# Sanic reads SANIC_* settings when Rasa creates its app; an operator's own setting wins.
os.environ.setdefault("SANIC_REQUEST_MAX_SIZE", str(REQUEST_MAX_BYTES))

if __name__ == "__main__":
    try:
        applied = patches.apply_from_environment(os.environ)
    except (patches.PatchSettingError, patches.RasaVersionError) as error:
        # Named as an error, so that `make run`'s terminal shows it, not only the log.
        sys.exit(f"rasa_server: {type(error).__name__}: {error}")
    # In the server's log, so a test or bench run shows what it ran on.
    print(f"rasa_server: Rasa patches: {', '.join(applied) or 'none'}", file=sys.stderr)
    # Read by Rasa's argument parser; /proc/<pid>/cmdline (what `ps` shows) keeps the
    # command line the process was started with, without the secret.
    sys.argv = secret_arguments(sys.argv, os.environ)
    main()

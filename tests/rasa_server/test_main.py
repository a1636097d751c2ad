"""`python -m rasa_server`: what it sets up before Rasa is imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys

# Import the module as `python -m rasa_server` would run it (without starting Rasa), then
# ask threadpoolctl how many threads each loaded OpenBLAS will use.
PROBE = (
    "import rasa_server.__main__, numpy, scipy.linalg, threadpoolctl, json;"
    "print(json.dumps([pool['num_threads'] for pool in threadpoolctl.threadpool_info()"
    " if pool['internal_api'] == 'openblas']))"
)


def openblas_threads(env: dict[str, str]) -> list[int]:
    output = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def test_openblas_uses_one_thread_in_every_rasa_process() -> None:
    env = {key: value for key, value in os.environ.items() if key != "OPENBLAS_NUM_THREADS"}
    threads = openblas_threads(env)
    assert threads, "NumPy and SciPy load OpenBLAS"
    assert set(threads) == {1}


def test_an_operators_own_blas_setting_wins() -> None:
    threads = openblas_threads({**os.environ, "OPENBLAS_NUM_THREADS": "2"})
    assert set(threads) == {2}

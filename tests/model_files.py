"""Where tests find the trained model; a missing model fails the test, it never skips it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import PROJECT_ROOT


def trained_model() -> Path:
    """The newest trained model, or an assertion error that says how to make one."""
    models = sorted((PROJECT_ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    assert models, "No trained model in models/: run `make train` (make test does it first)."
    return models[-1]

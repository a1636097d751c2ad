"""Every test here leaves Rasa as it found it, whatever patches it applied."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from rasa_server import patches


@pytest.fixture(autouse=True)
def rasa_unchanged_afterwards() -> Iterator[None]:
    """Other tests see Rasa's own attributes (and an unfrozen collector) afterwards."""
    owners = patches.owners()
    before = patches.snapshot(owners)
    yield
    patches.restore(before, owners)
    gc.unfreeze()

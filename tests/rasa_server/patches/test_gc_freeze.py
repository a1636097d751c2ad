"""What a worker loaded is frozen out of the collector's passes, after Rasa's own load."""

from __future__ import annotations

import asyncio
import gc
from typing import Any

import pytest
import rasa.core.run

from rasa_server.patches import gc_freeze


def test_what_the_worker_loaded_is_frozen_out_of_the_collectors_passes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loaded: list[object] = []

    async def load_agent(*args: Any) -> object:
        loaded.append([{"weights": n} for n in range(1000)])  # what a model load leaves
        return "agent"

    monkeypatch.setattr(gc_freeze, "_load_agent", load_agent)
    gc_freeze.apply()
    assert rasa.core.run.load_agent_on_start is gc_freeze.load_agent_then_freeze
    before = gc.get_freeze_count()
    assert (
        asyncio.run(rasa.core.run.load_agent_on_start("models", None, None, "app", "loop"))
        == "agent"
    )
    assert loaded and gc.get_freeze_count() >= before + 1000

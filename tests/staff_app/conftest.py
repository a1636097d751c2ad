"""A staff page per test module, on its own copy of the FAQs and its own Redis database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.rasa_server.stores.stored_conversations import database_url
from tests.staff_app.server_process import StaffPage, running_staff_page


@pytest.fixture(scope="module")
def store(redis_url: str, request: pytest.FixtureRequest) -> str:
    """An empty Redis database for this module's conversations."""
    number = 8 if "browser" in request.module.__name__ else 7
    return database_url(redis_url, number)


@pytest.fixture(scope="module")
def staff_page(tmp_path_factory: pytest.TempPathFactory, store: str) -> Iterator[StaffPage]:
    folder: Path = tmp_path_factory.mktemp("staff")
    with running_staff_page(folder, store) as page:
        yield page

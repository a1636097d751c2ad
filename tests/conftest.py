"""Shared fixtures: the project's real domain and FAQ data, read the way Rasa reads them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from clinic.faq.catalogue import read_faq_responses

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FAQ_DIR = PROJECT_ROOT / "data" / "faq"


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """domain.yml with the FAQ answers merged in, as Rasa sends it to the action server."""
    content = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    content["responses"] = {**content["responses"], **read_faq_responses(FAQ_DIR)}
    return content

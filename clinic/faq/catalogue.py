"""The FAQ catalogue: one entry per answer, read from the answers' own metadata.

Each answer in data/faq/<key>.yml carries a readable question (used as a button title),
the article section it comes from, a topic and the answer to give for "tell me more".
The action server reads them from the domain Rasa sends with every request, so the
data files stay the single source of truth.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

RESPONSE_PREFIX = "utter_faq/"
INTENT_PREFIX = "faq/"

ARTICLE_SECTIONS = (
    "Introduction",
    "Strengthen Muscles",
    "Decrease Symptoms",
    "Encourage Functionality",
    "Schedule a Joint Pain Consultation",
)
TOPICS = ("condition", "exercise", "treatment", "specialist", "general")


class CatalogueError(ValueError):
    """An FAQ answer is missing something the assistant relies on."""


@dataclass(frozen=True)
class FaqEntry:
    """One FAQ answer and what the assistant needs to know about it."""

    key: str
    question: str
    section: str
    topic: str
    tell_me_more: str | None
    text: str

    @property
    def response_name(self) -> str:
        """The Rasa response that holds this answer."""
        return RESPONSE_PREFIX + self.key


class FaqCatalogue:
    """All FAQ answers by key."""

    def __init__(self, entries: Iterable[FaqEntry]) -> None:
        self._entries = {entry.key: entry for entry in entries}

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str | None) -> FaqEntry | None:
        """The entry for `key`, or None for an unknown or missing key."""
        return self._entries.get(key) if key else None

    def keys(self) -> list[str]:
        """Every FAQ key, sorted."""
        return sorted(self._entries)

    def topics(self) -> dict[str, str]:
        """Each answer's topic, by key."""
        return {key: entry.topic for key, entry in self._entries.items()}

    def entries(self) -> list[FaqEntry]:
        """Every entry, sorted by key."""
        return [self._entries[key] for key in self.keys()]

    @classmethod
    def from_responses(cls, responses: Mapping[str, Any]) -> FaqCatalogue:
        """Build the catalogue from Rasa responses (`domain["responses"]`).

        Only `utter_faq/<key>` responses are read; each must carry the metadata the
        assistant needs, or a CatalogueError names the answer and what is missing.
        """
        entries = []
        for name, variations in responses.items():
            if not name.startswith(RESPONSE_PREFIX):
                continue
            entries.append(_entry_from_response(name[len(RESPONSE_PREFIX) :], variations))
        return cls(entries)

    @classmethod
    def from_domain(cls, domain: Mapping[str, Any]) -> FaqCatalogue:
        """Build the catalogue from a domain as Rasa sends it to the action server."""
        return cls.from_responses(domain.get("responses") or {})


def _entry_from_response(key: str, variations: Any) -> FaqEntry:
    if not isinstance(variations, list) or not variations:
        raise CatalogueError(f"utter_faq/{key} has no answer text")
    first = variations[0]
    metadata = first.get("metadata") or {}
    missing = [name for name in ("question", "section", "topic") if not metadata.get(name)]
    if missing or not first.get("text"):
        missing = missing + ([] if first.get("text") else ["text"])
        raise CatalogueError(f"utter_faq/{key} is missing: {', '.join(missing)}")
    return FaqEntry(
        key=key,
        question=str(metadata["question"]),
        section=str(metadata["section"]),
        topic=str(metadata["topic"]),
        tell_me_more=metadata.get("tell_me_more"),
        text=str(first["text"]),
    )


def read_faq_responses(faq_dir: Path) -> dict[str, Any]:
    """Read the `responses:` of every FAQ file in `faq_dir`, for tools and checks."""
    responses: dict[str, Any] = {}
    for path in sorted(faq_dir.glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        responses.update(content.get("responses") or {})
    return responses

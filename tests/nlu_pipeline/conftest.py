"""Build the clinic's spaCy pipeline once per test session, the way the CLI does."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from nlu_pipeline.build_spacy_pipeline import (
    DEFAULT_PATTERNS_FILE,
    build_pipeline,
    compute_fingerprint,
    write_pipeline,
)


@pytest.fixture(scope="session")
def pipeline_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly built pipeline directory, so tests never depend on a stale build/."""
    output_dir = tmp_path_factory.mktemp("spacy") / "spacy_pipeline"
    nlp = build_pipeline(DEFAULT_PATTERNS_FILE)
    write_pipeline(nlp, output_dir, compute_fingerprint(DEFAULT_PATTERNS_FILE))
    return output_dir


@pytest.fixture(scope="session")
def nlp(pipeline_dir: Path) -> Language:
    """The built pipeline loaded back from disk, as Rasa's SpacyNLP loads it."""
    return spacy.load(pipeline_dir, disable=["parser"])

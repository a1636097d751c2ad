"""Build the clinic's own spaCy pipeline from installed packages only.

Rasa's ``SpacyNLP`` needs a spaCy pipeline on disk. Instead of downloading a trained
model we build a small one: blank English, lemmas from the lookup tables in the
installed ``spacy-lookups-data`` and an entity ruler whose patterns clinic staff edit
in ``entity_patterns.yml``. Usage::

    python -m nlu_pipeline.build_spacy_pipeline [OUTPUT_DIR] [--patterns FILE] [--check]

The output directory also gets ``patterns.sha256``, a fingerprint of everything the
build reads, so that ``make`` (or ``--check``) can tell when a rebuild is due.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import re
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import spacy
import yaml
from spacy.language import Language
from spacy.pipeline import EntityRuler

PIPELINE_NAME = "clinic_en"
PIPELINE_VERSION = "0.1.0"
DEFAULT_OUTPUT_DIR = Path("build/spacy_pipeline")
DEFAULT_PATTERNS_FILE = Path(__file__).with_name("entity_patterns.yml")
FINGERPRINT_FILE_NAME = "patterns.sha256"

# Matches of phrases under `ignore:` in the YAML get this label; the entity extractor
# drops them. They exist only to out-length a word that is not an entity there.
IGNORE_LABEL = "ignore"

_TOP_LEVEL_KEYS = frozenset({"shared", "labels", IGNORE_LABEL})
_ENTRY_KEYS = frozenset({"id", "phrases", "token_patterns"})
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")

Pattern = dict[str, Any]


class PatternFileError(ValueError):
    """The patterns YAML is malformed; the message says where, for the person editing it."""


def load_patterns(patterns_file: Path) -> list[Pattern]:
    """Turn the staff-edited YAML into entity-ruler patterns, refusing anything ambiguous.

    Checking here (rather than letting spaCy accept whatever it is given) catches the
    mistakes an edit can make silently: a phrase listed under two ids, a duplicated id,
    a phrase that YAML read as a boolean or number.
    """
    with patterns_file.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    if not isinstance(document, dict):
        raise PatternFileError(f"{patterns_file}: expected a mapping with a 'labels' key")
    unknown = set(document) - _TOP_LEVEL_KEYS
    if unknown:
        raise PatternFileError(
            f"{patterns_file}: unknown top-level keys {sorted(unknown)}; "
            f"expected {sorted(_TOP_LEVEL_KEYS)}"
        )
    labels = document.get("labels")
    if not isinstance(labels, dict) or not labels:
        raise PatternFileError(f"{patterns_file}: 'labels' must map each label to its entries")

    patterns: list[Pattern] = []
    seen_phrases: dict[str, str] = {}
    for label, entries in labels.items():
        if not isinstance(label, str) or not _NAME_RE.match(label) or label == IGNORE_LABEL:
            raise PatternFileError(f"{patterns_file}: bad label name {label!r}")
        patterns += _entries_to_patterns(
            patterns_file, label, entries, seen_phrases, allow_ids=True
        )
    if IGNORE_LABEL in document:
        patterns += _entries_to_patterns(
            patterns_file, IGNORE_LABEL, document[IGNORE_LABEL], seen_phrases, allow_ids=False
        )
    return patterns


def _entries_to_patterns(
    patterns_file: Path,
    label: str,
    entries: object,
    seen_phrases: dict[str, str],
    *,
    allow_ids: bool,
) -> list[Pattern]:
    """Validate one label's entries and flatten them into ruler patterns."""
    if not isinstance(entries, list) or not entries:
        raise PatternFileError(f"{patterns_file}: '{label}' must be a non-empty list of entries")
    patterns: list[Pattern] = []
    seen_ids: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"{patterns_file}: {label} entry {number}"
        if not isinstance(entry, dict):
            raise PatternFileError(f"{where}: expected a mapping with 'phrases'")
        unknown = set(entry) - _ENTRY_KEYS
        if unknown:
            raise PatternFileError(f"{where}: unknown keys {sorted(unknown)}")
        entity_id = entry.get("id")
        if entity_id is not None:
            if not allow_ids:
                raise PatternFileError(f"{where}: entries here take no 'id'")
            if not isinstance(entity_id, str) or not _NAME_RE.match(entity_id):
                raise PatternFileError(f"{where}: id {entity_id!r} must be lower_snake_case")
            if entity_id in seen_ids:
                raise PatternFileError(f"{where}: id {entity_id!r} is listed twice")
            seen_ids.add(entity_id)
            where = f"{patterns_file}: {label} '{entity_id}'"
        phrases = entry.get("phrases", [])
        token_patterns = entry.get("token_patterns", [])
        if not isinstance(phrases, list) or not isinstance(token_patterns, list):
            raise PatternFileError(f"{where}: 'phrases' and 'token_patterns' must be lists")
        if not phrases and not token_patterns:
            raise PatternFileError(f"{where}: needs 'phrases' or 'token_patterns'")
        owner = f"{label} '{entity_id}'" if entity_id else label
        for phrase in phrases:
            if not isinstance(phrase, str) or not phrase.strip():
                raise PatternFileError(
                    f"{where}: phrase {phrase!r} is not text (quote it in the YAML)"
                )
            key = " ".join(phrase.lower().split())
            if key in seen_phrases:
                raise PatternFileError(
                    f"{where}: phrase {phrase!r} is already listed under {seen_phrases[key]}"
                )
            seen_phrases[key] = owner
            patterns.append(_pattern(label, phrase.strip(), entity_id))
        for token_pattern in token_patterns:
            if not isinstance(token_pattern, list) or not all(
                isinstance(token, dict) for token in token_pattern
            ):
                raise PatternFileError(
                    f"{where}: token pattern {token_pattern!r} must be a list of mappings"
                )
            patterns.append(_pattern(label, token_pattern, entity_id))
    return patterns


def _pattern(label: str, pattern: str | list[dict[str, Any]], entity_id: str | None) -> Pattern:
    """One entity-ruler pattern; the id is left out when there is none, as spaCy expects."""
    result: Pattern = {"label": label, "pattern": pattern}
    if entity_id is not None:
        result["id"] = entity_id
    return result


def build_pipeline(patterns_file: Path) -> Language:
    """Assemble and initialise the pipeline in memory.

    The entity ruler comes before the lemmatizer on purpose: when the ruler turns its
    phrase patterns into Docs (at build time and again on every load) it runs only the
    components before it, so patterns are just tokenised instead of also lemmatised,
    which is faster and avoids spaCy's W012 warning. It matches on LOWER, not LEMMA,
    so it does not need the lemmas.
    """
    if importlib.util.find_spec("spacy_lookups_data") is None:
        raise RuntimeError(
            "spacy-lookups-data is not installed; it provides the lemma tables "
            "(pip install spacy-lookups-data, see requirements/runtime.txt)"
        )
    patterns = load_patterns(patterns_file)
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(
        "entity_ruler",
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True, "validate": True},
    )
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    # Loads the lemma_lookup table from the installed spacy-lookups-data; no network.
    # It also initialises (and so empties) the ruler, hence the patterns come after.
    nlp.initialize()
    if not isinstance(ruler, EntityRuler):
        raise TypeError(f"expected an EntityRuler, got {type(ruler).__name__}")
    ruler.add_patterns(patterns)
    nlp.meta.update(
        {
            "name": PIPELINE_NAME,
            "version": PIPELINE_VERSION,
            "description": (
                "Joint-pain clinic assistant: blank English tokenizer, lookup lemmatizer "
                "and an entity ruler for condition, body_part, symptom, duration and "
                "severity. Built by nlu_pipeline/build_spacy_pipeline.py."
            ),
            "license": "MIT",
            "sources": [
                {
                    "name": "spacy-lookups-data",
                    "version": importlib.metadata.version("spacy-lookups-data"),
                    "license": "MIT",
                }
            ],
        }
    )
    return nlp


def compute_fingerprint(patterns_file: Path) -> str:
    """Hash everything a build depends on, so an unchanged hash means no rebuild is needed.

    That is the patterns file, this builder's source and the versions of spaCy and of
    spacy-lookups-data (a new version may lemmatise differently).
    """
    digest = hashlib.sha256()
    parts = [
        patterns_file.read_bytes(),
        Path(__file__).read_bytes(),
        spacy.__version__.encode(),
        importlib.metadata.version("spacy-lookups-data").encode(),
    ]
    for part in parts:
        # Length-prefixed so that moving bytes from one part to the next changes the hash.
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def read_fingerprint(output_dir: Path) -> str | None:
    """The fingerprint a previous build left in output_dir, if any."""
    path = output_dir / FINGERPRINT_FILE_NAME
    return path.read_text(encoding="utf-8").strip() if path.is_file() else None


def write_pipeline(nlp: Language, output_dir: Path, fingerprint: str) -> Path:
    """Write the pipeline and its fingerprint, replacing a previous build in one step.

    spaCy's ``to_disk`` leaves stale files behind in an existing directory, so we write
    to a fresh sibling directory and swap it in. A non-empty directory that has no
    fingerprint file is not ours, and we refuse to delete it.
    """
    if output_dir.exists():
        if not output_dir.is_dir():
            raise FileExistsError(f"{output_dir} exists and is not a directory")
        if any(output_dir.iterdir()) and read_fingerprint(output_dir) is None:
            raise FileExistsError(
                f"{output_dir} is not empty and has no {FINGERPRINT_FILE_NAME}, so it was not "
                "built by this script; refusing to replace it"
            )
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.", dir=output_dir.parent))
    try:
        staging.chmod(0o755)  # mkdtemp makes it private; the built pipeline is not secret
        nlp.to_disk(staging)
        (staging / FINGERPRINT_FILE_NAME).write_text(fingerprint + "\n", encoding="utf-8")
        if output_dir.exists():
            shutil.rmtree(output_dir)
        staging.rename(output_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return output_dir / FINGERPRINT_FILE_NAME


def check_loadable(output_dir: Path) -> Language:
    """Load the pipeline the way Rasa's SpacyNLP does, so a broken build fails here.

    Rasa calls ``spacy.load(path, disable=["parser"])`` and then ``spacy.info(path)``
    and compares the meta's spaCy version with the running one.
    """
    nlp = spacy.load(output_dir, disable=["parser"])
    info = spacy.info(str(output_dir))
    if not isinstance(info, dict) or info.get("name") != PIPELINE_NAME:
        raise RuntimeError(f"spacy.info({output_dir}) did not report {PIPELINE_NAME!r}")
    if not spacy.util.is_compatible_version(spacy.__version__, str(info.get("spacy_version"))):
        raise RuntimeError(f"{output_dir} requires spaCy {info.get('spacy_version')}")
    return nlp


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options (see the module docstring)."""
    parser = argparse.ArgumentParser(
        prog="python -m nlu_pipeline.build_spacy_pipeline",
        description="Build the clinic's spaCy pipeline (no downloads).",
    )
    parser.add_argument(
        "output_dir",
        nargs="?",
        type=Path,
        default=DEFAULT_OUTPUT_DIR,
        help=f"where to write the pipeline (default: {DEFAULT_OUTPUT_DIR})",
    )
    parser.add_argument(
        "--patterns",
        type=Path,
        default=DEFAULT_PATTERNS_FILE,
        help="entity patterns YAML (default: the one next to this script)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="build nothing; exit 0 if OUTPUT_DIR is up to date, 1 if it needs a rebuild",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Build (or with --check, only compare fingerprints) and report where things went."""
    args = _parse_args(argv)
    output_dir: Path = args.output_dir
    fingerprint = compute_fingerprint(args.patterns)
    if args.check:
        up_to_date = read_fingerprint(output_dir) == fingerprint
        print(f"{output_dir}: {'up to date' if up_to_date else 'needs a rebuild'}")
        return 0 if up_to_date else 1
    try:
        nlp = build_pipeline(args.patterns)
    except PatternFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    fingerprint_file = write_pipeline(nlp, output_dir, fingerprint)
    loaded = check_loadable(output_dir)
    ruler = loaded.get_pipe("entity_ruler")
    print(
        f"Wrote spaCy pipeline {PIPELINE_NAME} {PIPELINE_VERSION} to {output_dir} "
        f"(pipes: {', '.join(loaded.pipe_names)}; {len(ruler)} patterns)"  # type: ignore[arg-type]
    )
    print(f"Wrote fingerprint to {fingerprint_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Read the staff's FAQ files (faqs/), write the Rasa files made from them (data/faq/).

`python -m tools.faq_files` writes data/faq/ from faqs/ and says which files changed; the
retrain does the same before training. A Rasa file is written only when its text
changes, so an unchanged FAQ does not make `make train` think the data changed, and a
file in data/faq/ is deleted only when it was generated (its FAQ source was deleted).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from clinic.faq.checks import CheckSettings, CheckSettingsError
from clinic.faq.source import GENERATED_MARK, FaqSource, Problem, parse_source, render_rasa
from clinic.settings import PROJECT_ROOT

FAQ_SOURCE_DIR = PROJECT_ROOT / "faqs"
FAQ_DATA_DIR = PROJECT_ROOT / "data" / "faq"
FAQ_CONFIG = PROJECT_ROOT / "clinic_config" / "faq.yml"


class FaqConfigError(ValueError):
    """clinic_config/faq.yml cannot be read."""


@dataclass(frozen=True)
class RetrainSettings:
    """The retrain's quality gate (clinic_config/faq.yml, `retrain:`)."""

    tolerance: float = 0.01
    emergency_tolerance: float = 0.0
    """Emergencies have their own: a red flag the live model catches must not be missed."""
    dev_tolerance: float = 0.03
    """The dev questions have their own: a few questions, where one is half a point."""


def read_config(path: Path = FAQ_CONFIG) -> tuple[CheckSettings, RetrainSettings]:
    """The clinic's check limits and retrain tolerance; a missing file means the defaults."""
    if not path.exists():
        return CheckSettings(), RetrainSettings()
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise FaqConfigError(f"cannot read {path}: {error}") from error
    if not isinstance(content, dict):
        raise FaqConfigError(f"{path} should hold 'checks:' and 'retrain:'")
    try:
        checks = CheckSettings.from_mapping(content.get("checks") or {})
    except CheckSettingsError as error:
        raise FaqConfigError(f"{path}: {error}") from error
    retrain = content.get("retrain") or {}
    values = {}
    for name in ("tolerance", "emergency_tolerance", "dev_tolerance"):
        value = retrain.get(name, getattr(RetrainSettings, name))
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FaqConfigError(f"{path}: retrain {name} must be a number, got {value!r}")
        if not 0 <= value < 1:
            raise FaqConfigError(f"{path}: retrain {name} must be from 0 to 1, got {value}")
        values[name] = float(value)
    return checks, RetrainSettings(**values)


def read_sources(source_dir: Path = FAQ_SOURCE_DIR) -> tuple[list[FaqSource], list[Problem]]:
    """Every FAQ source, sorted by key, and the problems of form found reading them."""
    faqs: list[FaqSource] = []
    problems: list[Problem] = []
    for path in sorted(source_dir.glob("*.yml")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(path.stem, 1, "save this file as UTF-8 text"))
            continue
        faq, found = parse_source(text, path.stem)
        faqs.append(faq)
        problems += found
    return faqs, problems


def is_draft(faq: FaqSource) -> bool:
    """An FAQ still being written (from the inbox, say): no answer or no examples yet.

    Drafts stay in faqs/ for staff to finish; the assistant is not given them, so an
    unfinished FAQ can never reach `make train` as an empty answer.
    """
    return not faq.answer.strip() or not faq.question.strip() or not faq.examples


def rasa_files(faqs: Sequence[FaqSource]) -> dict[str, str]:
    """The Rasa file text for each finished FAQ, by file name (drafts have none)."""
    ready = [faq for faq in faqs if not is_draft(faq)]
    questions = {faq.key: faq.question for faq in faqs}
    return {f"{faq.key}.yml": render_rasa(faq, questions) for faq in ready}


def _generated(path: Path) -> bool:
    try:
        return path.read_text(encoding="utf-8").startswith(GENERATED_MARK)
    except OSError:
        return False


def out_of_sync(faqs: Sequence[FaqSource], data_dir: Path = FAQ_DATA_DIR) -> list[str]:
    """The data/faq file names that differ from what the sources make (or should go)."""
    wanted = rasa_files(faqs)
    stale = [
        name
        for name, text in wanted.items()
        if not (data_dir / name).exists() or (data_dir / name).read_text(encoding="utf-8") != text
    ]
    stale += [
        path.name
        for path in sorted(data_dir.glob("*.yml"))
        if path.name not in wanted and _generated(path)
    ]
    return sorted(stale)


def write_rasa_files(faqs: Sequence[FaqSource], data_dir: Path = FAQ_DATA_DIR) -> list[str]:
    """Write data/faq from the sources; returns the file names written or deleted."""
    data_dir.mkdir(parents=True, exist_ok=True)
    wanted = rasa_files(faqs)
    changed = out_of_sync(faqs, data_dir)
    for name in changed:
        path = data_dir / name
        if name in wanted:
            path.write_text(wanted[name], encoding="utf-8")
        else:
            path.unlink()
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    """Write data/faq/ from faqs/; exit 1 when a source cannot be read."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--faqs", type=Path, default=FAQ_SOURCE_DIR)
    parser.add_argument("--data", type=Path, default=FAQ_DATA_DIR)
    args = parser.parse_args(argv)
    faqs, problems = read_sources(args.faqs)
    if problems:
        for problem in problems:
            print(problem)
        print("Nothing written: fix the files above first.")
        return 1
    changed = write_rasa_files(faqs, args.data)
    print(f"Updated {', '.join(changed)}" if changed else "data/faq is up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

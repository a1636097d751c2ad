import datetime as dt
from pathlib import Path

import pytest

from clinic.faq.checks import CheckSettings, check_all
from clinic.faq.source import render_source
from tests.clinic.faq.faq_factory import back_pain, sciatica
from tools import faq_files
from tools.faq_files import (
    FaqConfigError,
    out_of_sync,
    read_config,
    read_sources,
    write_rasa_files,
)

# The review date the FAQs moved to faqs/ were given; the checks' age limit counts from it.
IMPORTED = dt.date(2026, 12, 3)


def test_the_committed_rasa_files_are_made_from_the_staff_files() -> None:
    faqs, problems = read_sources()
    assert problems == []
    assert len(faqs) >= 20
    assert out_of_sync(faqs) == [], "run `python -m tools.faq_files` and commit data/faq"


def test_the_clinics_faqs_pass_the_content_checks() -> None:
    faqs, _ = read_sources()
    settings, _ = read_config()
    assert [str(p) for p in check_all(faqs, IMPORTED, settings)] == []


def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "faqs"
    folder.mkdir()
    for faq in (sciatica(tell_me_more="back_pain"), back_pain()):
        (folder / f"{faq.key}.yml").write_text(render_source(faq), encoding="utf-8")
    return folder


def test_only_changed_files_are_written_and_only_generated_ones_deleted(tmp_path: Path) -> None:
    folder = sources(tmp_path)
    data = tmp_path / "data"
    faqs, _ = read_sources(folder)
    assert write_rasa_files(faqs, data) == ["back_pain.yml", "sciatica.yml"]
    assert write_rasa_files(faqs, data) == []
    (data / "hand_written.yml").write_text("version: '3.1'\n", encoding="utf-8")
    (folder / "back_pain.yml").unlink()
    faqs, _ = read_sources(folder)
    assert write_rasa_files(faqs, data) == ["back_pain.yml"]
    assert sorted(p.name for p in data.iterdir()) == ["hand_written.yml", "sciatica.yml"]


def test_a_source_that_is_not_utf8_is_a_problem(tmp_path: Path) -> None:
    folder = sources(tmp_path)
    (folder / "sciatica.yml").write_bytes("key: caf\xe9\n".encode("cp1252"))
    _, problems = read_sources(folder)
    assert [str(p) for p in problems] == ["faqs/sciatica.yml line 1: save this file as UTF-8 text"]


def test_the_generator_command_writes_nothing_while_a_source_is_broken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = sources(tmp_path)
    (folder / "sciatica.yml").write_text("key: sciatica\nanwser: x\n", encoding="utf-8")
    data = tmp_path / "data"
    assert faq_files.main(["--faqs", str(folder), "--data", str(data)]) == 1
    assert "unknown field 'anwser'" in capsys.readouterr().out
    assert not data.exists()
    (folder / "sciatica.yml").write_text(render_source(sciatica("back_pain")), encoding="utf-8")
    assert faq_files.main(["--faqs", str(folder), "--data", str(data)]) == 0
    assert "Updated back_pain.yml, sciatica.yml" in capsys.readouterr().out


def test_the_config_file_defaults_and_values(tmp_path: Path) -> None:
    checks, retrain = read_config(tmp_path / "absent.yml")
    assert checks == CheckSettings()
    assert retrain.tolerance == 0.01
    path = tmp_path / "faq.yml"
    path.write_text("checks:\n  min_examples: 12\nretrain:\n  emergency_tolerance: 0.05\n")
    checks, retrain = read_config(path)
    assert (checks.min_examples, retrain.tolerance, retrain.emergency_tolerance) == (12, 0.01, 0.05)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("checks: [\n", "cannot read"),
        ("- a\n", "should hold 'checks:' and 'retrain:'"),
        ("checks:\n  min_examples: many\n", "min_examples must be a whole number"),
        ("retrain:\n  tolerance: lots\n", "tolerance must be a number"),
        ("retrain:\n  tolerance: 2\n", "tolerance must be from 0 to 1"),
        ("retrain:\n  emergency_tolerance: -1\n", "emergency_tolerance must be from 0 to 1"),
    ],
)
def test_an_unusable_config_file_is_refused(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "faq.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FaqConfigError, match=words):
        read_config(path)


def test_a_draft_faq_is_kept_from_the_assistant_until_it_has_an_answer(tmp_path: Path) -> None:
    from clinic.faq.from_inbox import draft_faq

    folder = sources(tmp_path)
    data = tmp_path / "data"
    faqs, _ = read_sources(folder)
    draft = draft_faq(faqs, "heat_or_ice", "should I use heat or ice")
    assert write_rasa_files([*faqs, draft], data) == ["back_pain.yml", "sciatica.yml"]
    assert not (data / "heat_or_ice.yml").exists()

from pathlib import Path

import pytest
import yaml

from clinic.faq.source import render_source
from tests.clinic.faq.faq_factory import EXAMPLES, back_pain, sciatica
from tools import faq_import

CSV = (
    "key;question;answer;section;topic;tell_me_more;follow_ups;reviewed_by;review_date;examples\n"
    'hydrotherapy;Do you offer hydrotherapy?;"Hydrotherapy is exercise in a warm pool; a '
    'specialist can tell you if it suits you.";Decrease Symptoms;treatment;sciatica;sciatica;'
    'Dr Ana Ruiz;2026-12-01;"' + "\n".join(EXAMPLES) + '"\n'
    "sciatica;;;;;;;Dr Bo Li;;\n"
    "bad key;;;;;;;;;\n"
)


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    faqs, data = tmp_path / "faqs", tmp_path / "data"
    faqs.mkdir()
    for faq in (sciatica(tell_me_more="back_pain"), back_pain()):
        (faqs / f"{faq.key}.yml").write_text(render_source(faq), encoding="utf-8")
    return faqs, data


def run(csv: Path, folders: tuple[Path, Path]) -> int:
    faqs, data = folders
    args = [str(csv), "--faqs", str(faqs), "--data", str(data), "--today", "2026-12-03"]
    return faq_import.main(args)


def test_rows_are_reported_one_by_one_and_accepted_ones_written(
    tmp_path: Path, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "faqs.csv"
    csv.write_bytes(b"\xef\xbb\xbf" + CSV.encode("utf-8"))
    assert run(csv, folders) == 1  # a row was rejected
    assert capsys.readouterr().out.splitlines() == [
        "row 2 hydrotherapy: added: 10 examples",
        "row 3 sciatica: changed: reviewed_by",
        "row 4 bad key: rejected: a key is lower case letters, digits and _ "
        "(like back_pain_causes)",
        "faqs.csv: 1 added, 1 changed, 0 unchanged, 1 rejected.",
        "Run `make retrain` to put the changes live.",
    ]
    faqs, data = folders
    assert "reviewed_by: Dr Bo Li" in (faqs / "sciatica.yml").read_text(encoding="utf-8")
    rasa = yaml.safe_load((data / "hydrotherapy.yml").read_text(encoding="utf-8"))
    assert rasa["nlu"][0]["intent"] == "faq/hydrotherapy"
    assert sorted(p.name for p in data.iterdir()) == [
        "back_pain.yml",
        "hydrotherapy.yml",
        "sciatica.yml",
    ]


def test_an_import_without_rejections_succeeds(
    tmp_path: Path, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "faqs.csv"
    csv.write_text("key,reviewed_by\nback_pain,Dr Ana Ruiz\n", encoding="utf-8")
    assert run(csv, folders) == 0
    assert "row 2 back_pain: unchanged" in capsys.readouterr().out
    assert not folders[1].exists()  # nothing changed, nothing generated


def test_a_file_saved_in_the_wrong_encoding(
    tmp_path: Path, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "faqs.csv"
    csv.write_bytes("key,reviewed_by\nback_pain,Dr Jos\xe9\n".encode("cp1252"))
    assert run(csv, folders) == 2
    err = capsys.readouterr().err
    assert "is not UTF-8 text" in err and "Traceback" not in err


def test_a_missing_file(
    tmp_path: Path, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path / "nope.csv", folders) == 2
    assert "there is no file" in capsys.readouterr().err


def test_a_broken_faq_file_stops_the_import(
    tmp_path: Path, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    (folders[0] / "sciatica.yml").write_text("key: sciatica\nanwser: x\n", encoding="utf-8")
    csv = tmp_path / "faqs.csv"
    csv.write_text("key,reviewed_by\nback_pain,Dr A\n", encoding="utf-8")
    assert run(csv, folders) == 2
    assert "fix these FAQ files before importing" in capsys.readouterr().err
    assert "reviewed_by: Dr A\n" not in (folders[0] / "back_pain.yml").read_text(encoding="utf-8")


def test_a_bad_setting_stops_the_import(
    tmp_path: Path, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "faq.yml"
    config.write_text("checks:\n  min_examples: ten\n", encoding="utf-8")
    csv = tmp_path / "faqs.csv"
    csv.write_text("key,reviewed_by\nback_pain,Dr A\n", encoding="utf-8")
    faqs, data = folders
    args = [str(csv), "--faqs", str(faqs), "--data", str(data), "--config", str(config)]
    assert faq_import.main(args) == 2
    err = capsys.readouterr().err
    assert "min_examples must be a whole number" in err and "Traceback" not in err

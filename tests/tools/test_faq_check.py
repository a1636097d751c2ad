from pathlib import Path

import pytest

from clinic.faq.source import render_source
from tests.clinic.faq.faq_factory import back_pain, sciatica
from tools import faq_check


def test_the_clinics_faqs_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert faq_check.main(["--today", "2026-12-03"]) == 0
    assert capsys.readouterr().out.startswith("All 20 FAQs pass the checks.")


def test_each_problem_names_the_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "back_pain.yml").write_text(render_source(back_pain()), encoding="utf-8")
    broken = render_source(sciatica("back_pain")).replace("review_date: 2026-12-03", "review_date:")
    (tmp_path / "sciatica.yml").write_text(broken, encoding="utf-8")
    assert faq_check.main(["--faqs", str(tmp_path), "--today", "2026-12-03"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "faqs/sciatica.yml line 11: 'review_date' is missing or empty",
        "1 problem(s) in 1 FAQ(s). Fix them, then run this again; "
        "docs/staff-guide.md explains each check.",
    ]


def test_an_old_review_is_caught_on_the_day_it_expires(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert faq_check.main(["--today", "2027-12-04"]) == 1
    assert "more than 365 days ago" in capsys.readouterr().out


def test_an_empty_folder_is_a_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert faq_check.main(["--faqs", str(tmp_path)]) == 1
    assert "no FAQ files found in" in capsys.readouterr().out


def test_a_bad_setting_stops_with_a_plain_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "faq.yml"
    config.write_text("checks:\n  min_examples: ten\n", encoding="utf-8")
    assert faq_check.main(["--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "min_examples must be a whole number" in err
    assert "Traceback" not in err

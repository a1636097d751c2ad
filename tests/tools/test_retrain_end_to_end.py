"""The one test that trains: a new FAQ from a CSV goes through the whole retrain.

It works on copies (faqs/, data/, the live model, Rasa's training cache) in a temporary
folder, so the checkout's model and data are never touched.
"""

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest

from tests.clinic.faq.faq_factory import EXAMPLES
from tests.conftest import PROJECT_ROOT
from tests.model_files import trained_model
from tools import faq_import
from tools.retrain import Layout, retrain

RASA = str(Path(sys.executable).parent / "rasa")
TODAY = dt.date(2026, 12, 3)


@pytest.mark.model
def test_a_new_faq_from_a_spreadsheet_is_trained_tested_and_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    faqs, data, models = tmp_path / "faqs", tmp_path / "data", tmp_path / "models"
    shutil.copytree(PROJECT_ROOT / "faqs", faqs)
    shutil.copytree(PROJECT_ROOT / "data", data)
    models.mkdir()
    shutil.copy2(trained_model(), models / "clinic.tar.gz")
    cache = tmp_path / "cache"
    if (PROJECT_ROOT / ".rasa" / "cache").is_dir():  # a copy: the real cache stays as it is
        shutil.copytree(PROJECT_ROOT / ".rasa" / "cache", cache)
    csv = tmp_path / "new.csv"
    csv.write_text(
        "key,question,answer,section,topic,tell_me_more,follow_ups,reviewed_by,review_date,"
        "examples\nhydrotherapy,Do you offer hydrotherapy?,Hydrotherapy is exercise in a warm "
        "pool. A specialist can tell you if it suits you.,Decrease Symptoms,treatment,"
        'physical_therapy,physical_therapy,Dr Ana Ruiz,2026-12-01,"' + "\n".join(EXAMPLES) + '"\n',
        encoding="utf-8",
    )
    imported = faq_import.main(
        [str(csv), "--faqs", str(faqs), "--data", str(data / "faq"), "--today", "2026-12-03"]
    )
    assert imported == 0, capsys.readouterr().out

    # A few questions in make eval's format, written here (the shared dev file is big and
    # lives outside the repository): both models answer them on the real servers.
    dev_questions = tmp_path / "dev.tsv"
    dev_questions.write_text(
        "question\tscope\tacceptable\tprimary\torigin\n"
        "what is sciatica exactly\tin\tfaq/sciatica\tfaq/sciatica\ttest\n"
        "who won the football last night\tout\tfallback\tfallback\ttest\n",
        encoding="utf-8",
    )
    layout = Layout(
        faqs=faqs,
        faq_data=data / "faq",
        data=data,
        models=models,
        reports=tmp_path / "reports",
        validate=(RASA, "data", "validate", "--data", str(data), "--fail-on-warnings"),
        train=(
            RASA,
            "train",
            "--data",
            str(data),
            "--domain",
            "domain.yml",
            "--config",
            "config.yml",
            "--out",
            str(models),
            "--fixed-model-name",
            "clinic",
        ),
        env={"RASA_CACHE_DIRECTORY": str(cache), "LOG_LEVEL": "WARNING"},
        dev_questions=dev_questions,
    )
    status = retrain(
        layout,
        TODAY,
        dt.datetime(2026, 12, 3, 14, 0),
    )
    out = capsys.readouterr().out
    assert status == 0, out
    assert (
        "Accepted: no score dropped by more than 1.0 points, dev questions by more than 3.0, "
        "emergencies by more than 0.0." in out
    )
    assert "- New FAQs: hydrotherapy" in out
    [report] = (tmp_path / "reports").glob("retrain-*.md")
    assert "| faq examples |" in report.read_text(encoding="utf-8")
    assert "| conversations |" in report.read_text(encoding="utf-8")
    assert "| dev questions | 2 | 100.0% | 100.0% |" in report.read_text(encoding="utf-8")

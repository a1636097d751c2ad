"""Running the make targets' commands for the page, and the retrain in the background."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from clinic.faq.spreadsheet import faq_from_row, read_rows
from staff_app.commands import RetrainJob, faq_row_csv, run_command


def test_the_form_becomes_a_spreadsheet_row_the_importer_reads_back() -> None:
    form = {
        "key": "parking",
        "question": 'Where do I park, "exactly"?',
        "answer": "Behind the clinic;\r\nask at the desk.",
        "examples": "where can i park\r\nis there parking, nearby",
        "follow_ups": "sciatica, spinal_stenosis",
        "csrf": "never in the sheet",
    }
    _, rows = read_rows(faq_row_csv(form))
    [(number, row)] = rows
    faq, reasons = faq_from_row(row, None)
    assert number == 2 and reasons == []
    assert faq.question == 'Where do I park, "exactly"?'
    assert faq.answer == "Behind the clinic; ask at the desk."
    assert [e.text for e in faq.examples] == ["where can i park", "is there parking, nearby"]
    assert faq.follow_ups == ("sciatica", "spinal_stenosis")
    assert "never in the sheet" not in faq_row_csv(form)


async def test_a_command_reports_its_status_and_both_streams() -> None:
    script = "import sys; print('out'); print('err', file=sys.stderr); sys.exit(3)"
    result = await run_command([sys.executable, "-c", script])
    assert result.status == 3 and not result.ok
    assert result.output.split() == ["out", "err"]


async def test_a_command_that_cannot_start_or_hangs_is_a_plain_result() -> None:
    missing = await run_command(["/no/such/command"])
    assert missing.status == 127 and missing.output.startswith("The command could not start")
    slow = await run_command([sys.executable, "-c", "import time; time.sleep(30)"], 0.5)
    assert slow.status == 124 and slow.output == "The command did not finish in 0 seconds."


def test_a_retrain_without_a_report_and_one_that_cannot_start(tmp_path: Path) -> None:
    job = RetrainJob([sys.executable, "-c", "print('checks failed')"], tmp_path, tmp_path / "l")
    assert not job.started and job.start()
    deadline = time.monotonic() + 20
    while job.running() and time.monotonic() < deadline:
        time.sleep(0.05)
    state = job.state()
    assert not state.running and state.status == 0 and state.output == "checks failed"
    assert state.report is None
    broken = RetrainJob(["/no/such/retrain"], tmp_path, tmp_path / "l2")
    assert broken.start() and broken.started
    assert broken.state().status == 127 and "could not start" in broken.state().output


def test_an_older_report_is_not_taken_for_this_runs(tmp_path: Path) -> None:
    old = tmp_path / "retrain-old.md"
    old.write_text("old", encoding="utf-8")
    past = time.time() - 600
    os.utime(old, (past, past))
    job = RetrainJob([sys.executable, "-c", "pass"], tmp_path, tmp_path / "log")
    job.start()
    while job.running():
        time.sleep(0.05)
    assert job.state().report is None

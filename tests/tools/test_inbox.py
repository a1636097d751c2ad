"""`make inbox`, `make inbox-add` and `make inbox-new`, on a real Redis and a copy of faqs/."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from clinic.faq.source import parse_source
from tests.conftest import PROJECT_ROOT
from tests.rasa_server.stores.stored_conversations import database_url, save_conversation
from tools import inbox

START = 1_790_000_000.0  # 2026-09-21
TODAY = "2026-12-03"


@pytest.fixture
def url(redis_url: str) -> str:
    return database_url(redis_url, 6)


@pytest.fixture
def faqs(tmp_path: Path) -> Path:
    folder = tmp_path / "faqs"
    shutil.copytree(PROJECT_ROOT / "faqs", folder)
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = inbox.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_the_listing_groups_unanswered_messages_and_counts_answers(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    save_conversation(
        url,
        "p1",
        [("are you open on sundays", "utter_cannot_answer"), ("sciatica", "utter_faq/sciatica")],
        START,
    )
    save_conversation(url, "p2", [("is the clinic open on sunday", "utter_did_you_mean")], START)
    save_conversation(
        url, "p3", [("text me on 07700 900123 about parking", "utter_out_of_scope")], START
    )
    status, out, _ = run(capsys, "list", "--redis-url", url)
    assert status == 0
    assert "Unanswered: 3 message(s) in 2 group(s), from 3 conversation(s)" in out
    assert "  1. 2x, 2026-09-21 to 2026-09-21 (cannot answer 1, did you mean 1)" in out
    assert "1x  is the clinic open on sunday" in out
    assert "900123" not in out and "[contact details hidden]" in out
    assert "  FAQ       answers  helped  did not help" in out
    assert "  sciatica        1       0             0" in out
    assert "make inbox-add FAQ=<key>" in out


def test_the_listing_counts_whether_answers_helped_and_lists_the_unhelped_question(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    save_conversation(
        url,
        "p1",
        [("what is sciatica", "utter_faq/sciatica"), ("/faq_helpful", "utter_faq_helped")],
        START,
    )
    save_conversation(
        url,
        "p2",
        [
            ("how do i cure sciatica", "utter_faq/sciatica"),
            ("that didnt answer my question", "utter_faq_not_helpful"),
            ("exercise for back", "utter_faq/exercise_benefits"),
        ],
        START + 86_400,
    )
    status, out, _ = run(capsys, "list", "--redis-url", url)
    assert status == 0
    assert "Unanswered: 1 message(s) in 1 group(s), from 2 conversation(s)" in out
    assert "  1. 1x, 2026-09-22 to 2026-09-22 (not helpful 1)" in out
    assert "1x  how do i cure sciatica" in out
    assert "that didnt answer" not in out, "the question is listed, not the complaint"
    assert "  sciatica                 2       1             1" in out
    assert "  exercise_benefits        1       0             0" in out


def test_an_empty_store_says_so(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "list", "--redis-url", url)
    assert status == 0
    assert "No unanswered messages in 0 stored conversation(s)." in out
    assert "none yet" in out


def test_an_unreachable_store_is_a_plain_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REDIS_HOST", "127.0.0.1")
    monkeypatch.setenv("REDIS_PORT", "1")
    status, out, err = run(capsys, "list")
    assert status == 2 and out == ""
    assert err.startswith("error: cannot read the conversations from Redis at 127.0.0.1:1/0")
    assert "Traceback" not in err


def test_a_message_is_added_to_an_faq_source(
    faqs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (faqs / "sciatica.yml").read_text(encoding="utf-8")
    status, out, _ = run(
        capsys,
        "--faqs",
        str(faqs),
        "--today",
        TODAY,
        "add-example",
        "sciatica",
        "my leg goes numb and tingly from the buttock down",
    )
    assert status == 0, out
    assert "Added to sciatica.yml" in out and "make retrain" in out
    after = (faqs / "sciatica.yml").read_text(encoding="utf-8")
    faq, problems = parse_source(after, "sciatica")
    assert problems == []
    assert faq.examples[-1].text == "my leg goes numb and tingly from the buttock down"
    assert after.replace("  my leg goes numb and tingly from the buttock down\n", "") == before


def test_a_clashing_example_is_refused_and_nothing_written(
    faqs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (faqs / "sciatica.yml").read_text(encoding="utf-8")
    status, out, err = run(
        capsys,
        "--faqs",
        str(faqs),
        "--today",
        TODAY,
        "add-example",
        "sciatica",
        "what is spinal stenosis",
    )
    assert status == 1 and out == ""
    assert err.startswith("Not done: adding it would stop `make retrain`")
    assert "spinal_stenosis" in err
    assert (faqs / "sciatica.yml").read_text(encoding="utf-8") == before


def test_a_new_faq_is_started_from_a_message(
    faqs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(
        capsys, "--faqs", str(faqs), "new-faq", "opening_hours", "are you open on sundays"
    )
    assert status == 0
    assert "Started opening_hours.yml" in out and "at least 9 more examples" in out
    faq, problems = parse_source(
        (faqs / "opening_hours.yml").read_text(encoding="utf-8"), "opening_hours"
    )
    assert problems == [] and faq.question == "Are you open on sundays?"


def test_a_new_faq_over_an_existing_one_is_refused(
    faqs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "--faqs", str(faqs), "new-faq", "sciatica", "legs?")
    assert status == 1 and "already an FAQ 'sciatica'" in err


def test_an_unreadable_faq_file_stops_the_action(
    faqs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (faqs / "broken.yml").write_text("key: [oops\n", encoding="utf-8")
    status, _, err = run(capsys, "--faqs", str(faqs), "new-faq", "hours", "open?")
    assert status == 1 and "fix these FAQ files first: faqs/broken.yml" in err
    assert not (faqs / "hours.yml").exists()


def test_an_unusable_config_is_a_plain_error(
    faqs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "faq.yml"
    config.write_text("checks:\n  min_examples: many\n", encoding="utf-8")
    status, _, err = run(
        capsys, "--faqs", str(faqs), "--config", str(config), "add-example", "sciatica", "x"
    )
    assert status == 2 and err.startswith("error:") and "min_examples" in err


@pytest.mark.parametrize(
    ("target", "variables", "command"),
    [
        ("inbox", {}, "-m tools.inbox list"),
        ("inbox-add", {"FAQ": "sciatica", "MESSAGE": "x"}, '-m tools.inbox add-example "$FAQ"'),
        ("inbox-new", {"KEY": "hours", "MESSAGE": "x"}, '-m tools.inbox new-faq "$KEY"'),
    ],
)
def test_each_action_is_a_make_target(target: str, variables: dict[str, str], command: str) -> None:
    arguments = [f"{name}={value}" for name, value in variables.items()]
    shown = subprocess.run(
        ["make", "-n", "--no-print-directory", target, *arguments],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert command in shown
    assert '"$MESSAGE"' in shown or target == "inbox"  # passed through the environment, unquoted


@pytest.mark.parametrize("target", ["inbox-add", "inbox-new"])
def test_a_make_target_without_its_variables_says_how_to_use_it(target: str) -> None:
    result = subprocess.run(
        ["make", "--no-print-directory", target, "MESSAGE="],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"Usage: make {target} ")

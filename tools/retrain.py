"""One command, safe by default, to put staff's FAQ changes into a new model: `make retrain`.

1. Check the FAQ files (faqs/) and write the Rasa files (data/faq/) from them.
2. `rasa data validate --fail-on-warnings`.
3. Keep a copy of the live model (models/clinic.tar.gz, the one `make run` serves) in
   models/previous/, then train with the Makefile's own recipe (`make train`).
4. Score the live and the new model side by side on every stored example question, the
   red-flag development messages and the conversation tests (`tools.model_scores`), and
   on the shared dev questions with `make eval`'s scorer (`tools.evaluate`, real servers;
   read to report and gate only, never trained on).
5. Refuse the new model when a score drops by more than the clinic's tolerance
   (clinic_config/faq.yml; by default one point in a hundred, and none at all for the
   emergencies): the live model is put back, the refused one kept in
   models/refused/, and what got worse is shown. Otherwise the new model stays.

Each run prints a table and writes reports/retrain-<date>-<time>.md. The exit status
is 0 when the new model was accepted (or nothing changed), 1 when the run stopped or
refused it, so the staff page or a script can tell.

6. Put an accepted model live in the running assistant (`model_server.deploy`): publish
   it to the model server, wait until every Rasa worker serves it, ask one FAQ example
   over REST; on failure the previous model is put back, in the assistant and in
   models/. When no assistant is running, the new model is served at the next start.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from clinic.faq.checks import check_all
from clinic.settings import PROJECT_ROOT
from model_server.deploy import DeployError, Deployment
from startup.rasa_api import api_headers
from startup.settings import Settings, SettingsError, load_settings
from tools.evaluate import DEFAULT_QUESTIONS
from tools.faq_files import (
    FAQ_CONFIG,
    FAQ_DATA_DIR,
    FAQ_SOURCE_DIR,
    FaqConfigError,
    RetrainSettings,
    read_config,
    read_sources,
    write_rasa_files,
)
from tools.model_scores import DEV_QUESTIONS, EMERGENCIES, dev_rows
from tools.retrain_report import compare, details, markdown, table, verdict

MODEL_NAME = "clinic.tar.gz"
OUTPUT_TAIL_LINES = 30
Scorer = Callable[[Sequence[Path], Path], list[dict[str, Any]]]
DevScorer = Callable[[Sequence[Path], Path], list[list[dict[str, Any]]]]
"""Scores each model on a questions file, as `tools.model_scores` rows of one suite."""
PROBE_TIMEOUT_S = 5.0


class RetrainError(RuntimeError):
    """A step failed; the message says which and what to do."""


@dataclass(frozen=True)
class Layout:
    """Where the retrain reads and writes; the defaults are the project's own folders."""

    faqs: Path = FAQ_SOURCE_DIR
    faq_data: Path = FAQ_DATA_DIR
    data: Path = PROJECT_ROOT / "data"
    config: Path = FAQ_CONFIG
    models: Path = PROJECT_ROOT / "models"
    reports: Path = PROJECT_ROOT / "reports"
    validate: tuple[str, ...] = (
        str(Path(sys.executable).parent / "rasa"),
        "data",
        "validate",
        "--fail-on-warnings",
    )
    train: tuple[str, ...] = ("make", "--no-print-directory", "train")
    env: dict[str, str] = field(default_factory=dict)
    dev_questions: Path | None = None
    """The dev questions to compare on (`make eval`'s file); None compares without them."""

    @property
    def model(self) -> Path:
        """The live model, which `make train` replaces."""
        return self.models / MODEL_NAME


Deployer = Callable[[Path, Layout], str]
"""Puts an accepted model live; returns what happened, raises RetrainError on failure."""


def run_command(command: Sequence[str], what: str, env: dict[str, str]) -> None:
    """Run one step's command from the project root; stop with its output's end on failure."""
    result = subprocess.run(
        list(command),
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-OUTPUT_TAIL_LINES:])
        raise RetrainError(f"{what} failed:\n{tail}")


def score_models(models: Sequence[Path], data: Path) -> list[dict[str, Any]]:
    """Score each model in its own process, at the same time, with `tools.model_scores`."""
    with tempfile.TemporaryDirectory() as work:
        outs = [Path(work) / f"scores-{index}.json" for index in range(len(models))]
        processes = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tools.model_scores",
                    str(model),
                    str(out),
                    "--data",
                    str(data),
                ],
                cwd=PROJECT_ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for model, out in zip(models, outs, strict=True)
        ]
        errors = [process.communicate()[1] for process in processes]
        results = []
        for model, process, error, out in zip(models, processes, errors, outs, strict=True):
            if process.returncode != 0 or not out.exists():
                tail = "\n".join(error.splitlines()[-OUTPUT_TAIL_LINES:])
                raise RetrainError(f"Scoring {model} failed:\n{tail}")
            results.append(json.loads(out.read_text(encoding="utf-8")))
        return results


def score_dev_set(models: Sequence[Path], questions: Path) -> list[list[dict[str, Any]]]:
    """Each model's `make eval` on `questions`, one model after the other, as rows.

    `tools.evaluate` starts the real servers on free ports with the model it is given, so
    this is the same measurement as `make eval`, not an imitation of it.
    """
    results = []
    with tempfile.TemporaryDirectory() as work:
        for index, model in enumerate(models):
            report = Path(work) / f"dev-{index}.json"
            command = [sys.executable, "-m", "tools.evaluate", str(questions)]
            command += ["--model", str(model), "--report", str(report)]
            run_command(command, f"The dev questions on {model.name}", {})
            results.append(dev_rows(json.loads(report.read_text(encoding="utf-8"))))
    return results


def fingerprint(path: Path) -> str:
    """A short hash of a model file, to tell models of one name apart in the report."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:12]


def _say(message: str) -> None:
    print(message, flush=True)


def check_and_generate(layout: Layout, today: dt.date) -> RetrainSettings:
    """Step 1: the content checks, then data/faq from faqs/; returns the retrain's settings."""
    try:
        settings, retrain_settings = read_config(layout.config)
    except FaqConfigError as error:
        raise RetrainError(str(error)) from error
    faqs, problems = read_sources(layout.faqs)
    problems += check_all(faqs, today, settings)
    if problems:
        shown = "\n".join(str(problem) for problem in problems)
        raise RetrainError(
            f"The FAQ checks found {len(problems)} problem(s); nothing was trained:\n{shown}"
        )
    changed = write_rasa_files(faqs, layout.faq_data)
    _say(
        f"  {len(faqs)} FAQs pass the checks"
        + (f"; updated {', '.join(changed)}" if changed else "")
    )
    return retrain_settings


def retrain(
    layout: Layout,
    today: dt.date,
    now: dt.datetime,
    scorer: Scorer = score_models,
    deploy: Deployer | None = None,
    dev_scorer: DevScorer = score_dev_set,
) -> int:
    """Run every step; returns the exit status (see the module's docstring)."""
    steps: list[str] = []
    try:
        _say("1/5 Checking the FAQs ...")
        settings = check_and_generate(layout, today)
        steps.append("FAQ checks passed")
        _say("2/5 Validating the training data ...")
        run_command(layout.validate, "Validating the training data", layout.env)
        steps.append("rasa data validate passed")
        previous = layout.models / "previous" / MODEL_NAME
        live: Path | None = None
        if layout.model.exists():
            previous.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(layout.model, previous)
            live = previous
        _say("3/5 Training (a minute or two) ...")
        run_command(layout.train, "Training", layout.env)
        if not layout.model.exists():
            raise RetrainError(f"Training wrote no model at {layout.model}")
        steps.append("trained")
    except RetrainError as error:
        _say(f"Stopped: {error}")
        return 1

    new_id = fingerprint(layout.model)
    live_id = fingerprint(live) if live else None
    if live_id == new_id:
        _say("The model did not change: the live model already matches the FAQs.")
        return 0

    _say("4/5 Testing the new model against the live one ...")
    try:
        models = [live, layout.model] if live else [layout.model]
        results = scorer(models, layout.data)
        dev_note = _add_dev_rows(layout, models, results, dev_scorer)
    except RetrainError as error:
        _say(f"Stopped: {error}")
        _restore(layout, live)
        return 1
    comparison = compare(
        results[0] if live else None,
        results[-1],
        settings.tolerance,
        _tolerances(settings, results[-1]),
    )
    steps.append("scored both models")
    if dev_note:
        steps.append(dev_note)

    _say("5/5 Deciding ...")
    deployed = True
    if comparison.accepted and deploy is None:
        steps.append("new model accepted; restart the assistant (make run) to serve it")
    elif comparison.accepted and deploy is not None:
        _say("Putting the new model live ...")
        try:
            steps.append(deploy(layout.model, layout))
        except RetrainError as error:
            deployed = False
            failed = layout.models / "refused" / MODEL_NAME
            failed.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(layout.model, failed)
            _restore(layout, live)
            steps.append(f"new model accepted but not put live, kept in {failed}: {error}")
            _say(f"Not put live: {error}")
    else:
        refused = layout.models / "refused" / MODEL_NAME
        refused.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(layout.model, refused)
        _restore(layout, live)
        steps.append(f"new model refused and kept in {refused}; the live model is back")
    names = (f"{live_id or 'none'}", f"{new_id}")
    report = markdown(comparison, now, names, steps)
    layout.reports.mkdir(parents=True, exist_ok=True)
    path = layout.reports / f"retrain-{now:%Y%m%d-%H%M%S}.md"
    path.write_text(report, encoding="utf-8")
    for line in [*table(comparison), "", verdict(comparison), *details(comparison)]:
        _say(line)
    _say(f"Report: {path}")
    return 0 if comparison.accepted and deployed else 1


def _tolerances(settings: RetrainSettings, new: dict[str, Any]) -> dict[str, float]:
    """The suites with a tolerance of their own; the dev questions' only when scored."""
    tolerances = {EMERGENCIES: settings.emergency_tolerance}
    if any(row["suite"] == DEV_QUESTIONS for row in new["rows"]):
        tolerances[DEV_QUESTIONS] = settings.dev_tolerance
    return tolerances


def _add_dev_rows(
    layout: Layout, models: Sequence[Path], results: list[dict[str, Any]], dev_scorer: DevScorer
) -> str:
    """Add the dev questions' rows to each model's scores; what to note in the report."""
    questions = layout.dev_questions
    if questions is None:
        return ""
    if not questions.is_file():
        return f"the dev questions were not compared: {questions} is missing"
    _say(f"   and on the dev questions ({questions.name}, real servers, one model at a time) ...")
    for result, rows in zip(results, dev_scorer(models, questions), strict=True):
        result["rows"] = [*result["rows"], *rows]
    return f"dev questions from {questions.name} scored with make eval's scorer"


def _restore(layout: Layout, live: Path | None) -> None:
    """Put the live model back where `make run` finds it."""
    if live is not None:
        shutil.copy2(live, layout.model)


def live_deployer(settings: Settings) -> Deployer:
    """Deploy into the assistant these settings describe (`make run`'s by default)."""

    def deploy(model: Path, layout: Layout) -> str:
        try:
            requests.get(settings.model_server_url, timeout=PROBE_TIMEOUT_S)
            status = requests.get(
                f"{settings.rasa_url}/status",
                headers=api_headers(settings.jwt_secret),
                timeout=PROBE_TIMEOUT_S,
            ).status_code
        except requests.RequestException:
            return "new model accepted; the assistant is not running and serves it when started"
        if status in (401, 403):
            # Nothing is published: without /status the swap could not be checked.
            return (
                "new model accepted but not swapped in: the running assistant refused the "
                "retrain's sign-in (start `make run` and `make retrain` with the same "
                "RASA_JWT_SECRET); restart the assistant (make run) to serve it"
            )
        deployment = Deployment(
            folder=settings.live_model_dir,
            rasa_url=settings.rasa_url,
            headers=lambda: api_headers(settings.jwt_secret),
            workers=settings.rasa_workers,
            say=_say,
        )
        faqs, _ = read_sources(layout.faqs)
        # The FAQ saved last is the one staff expect to see answered.
        faqs.sort(key=lambda faq: _modified(layout.faqs / f"{faq.key}.yml"), reverse=True)
        try:
            model_hash = deployment.deploy(model, lambda: smoke(settings, faqs))
        except DeployError as error:
            raise RetrainError(str(error)) from error
        return f"model {model_hash} live in every Rasa worker; a test question was answered"

    return deploy


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def smoke(settings: Settings, faqs: Sequence[Any]) -> str | None:
    """Ask the running assistant one FAQ's first example; None when that FAQ answers it.

    The answer is recognised by the retrieval intent Rasa chose (faq/<key>), read from the
    conversation's tracker, rather than by its wording.
    """
    faq = next((faq for faq in faqs if faq.examples), None)
    if faq is None:
        return None
    question = str(faq.examples[0].text)
    sender = f"retrain-smoke-{uuid.uuid4().hex}"
    try:
        reply = requests.post(
            f"{settings.rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": question},
            timeout=60,
        )
        tracker = requests.get(
            f"{settings.rasa_url}/conversations/{sender}/tracker",
            headers=api_headers(settings.jwt_secret),
            timeout=60,
        )
        selected = tracker.json()["latest_message"]["response_selector"]["faq"]["response"][
            "intent_response_key"
        ]
    except (requests.RequestException, ValueError, KeyError, TypeError) as error:
        return f"asking {question!r} got no usable answer ({type(error).__name__})"
    if not reply.ok or not reply.json():
        return f"asking {question!r} got no reply"
    if selected != f"faq/{faq.key}":
        return f"{question!r} was answered as {selected}, not faq/{faq.key}"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument(
        "--dev-questions",
        type=Path,
        default=DEFAULT_QUESTIONS,
        help="make eval's questions file to compare both models on (default: the dev file)",
    )
    args = parser.parse_args(argv)
    try:
        deploy = live_deployer(load_settings())
    except SettingsError as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return 2
    layout = Layout(dev_questions=args.dev_questions)
    return retrain(layout, args.today, dt.datetime.now(), deploy=deploy)


if __name__ == "__main__":
    sys.exit(main())

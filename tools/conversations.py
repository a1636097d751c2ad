"""Play scripted multi-turn conversations against the real servers and judge them turn by turn.

Usage: ``python -m tools.conversations [FILE]`` (default ``tests/blind/conversations.yml``).
Each conversation is played over REST, in a fresh conversation, against the stack of
`tools.stack` (Rasa, the action server, the scheduling service, the outbox worker, Redis).
Before playing, the bookings the file's header names are made on the scheduling service,
so that cancelling and checking a booking can be tried. Every turn is judged by
`tools.conversation_judge`; a conversation passes when all its turns do.

The printed table shows conversations passed by group; ``reports/conversations.json``
keeps every turn, with what the assistant said, for closer reading. The exit status is
non-zero only when the file is malformed (2) or the servers fail (1).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import requests
import yaml
from sqlalchemy import create_engine, select, update

from action_server.io.scheduling_client import BookingRequest
from clinic.settings import PROJECT_ROOT
from scheduling_service import storage
from tools.conversation_judge import read_turn, split_turns, turn_passes, without_reverted
from tools.stack import (
    REQUEST_TIMEOUT_S,
    AssistantStack,
    StackError,
    map_in_parallel,
    running_assistant,
)

DEFAULT_FILE = PROJECT_ROOT / "tests" / "blind" / "conversations.yml"
DEFAULT_REPORT = PROJECT_ROOT / "reports" / "conversations.json"
# One at a time: conversations played side by side are offered the same free times, and the
# second to confirm hears "that time was just taken", a race between test patients that
# says nothing about the assistant (about 6 s more for 150 conversations).
WORKERS = 1


@dataclass(frozen=True)
class SeedBooking:
    """A booking the conversations assume exists, with the contacts it was made with."""

    reference: str
    phone: str | None = None
    email: str | None = None


SEED_BOOKINGS = (
    SeedBooking("JPC-AB12CD", phone="07700 900123"),
    SeedBooking("JPC-7K3M9Q", email="sarah.j@example.com"),
    SeedBooking("JPC-Q4W8E2", phone="07700 900555", email="raj.p@example.com"),
    SeedBooking("JPC-X9Y8Z7", phone="07700 900666", email="dan.b@example.com"),
    SeedBooking("JPC-LM34NP", phone="07700 900777"),
    SeedBooking("JPC-HT56RW", phone="07700 900811"),
    SeedBooking("JPC-NB78KD", email="tom.r@example.com"),
    SeedBooking("JPC-PZ23XM", phone="07700 900822", email="amira.k@example.com"),
    SeedBooking("JPC-CW45TY", phone="07700 900833"),
    SeedBooking("JPC-RJ67VB", email="li.wei@example.com"),
    SeedBooking("JPC-FG89QS", phone="07700 900844"),
)
"""The fixtures named in the headers of ``tests/blind/conversations.yml`` (the first five)
and ``tests/dev/conversations.yml`` (all)."""


class ConversationFileError(ValueError):
    """The conversations file is missing or not in the documented format."""


@dataclass(frozen=True)
class Turn:
    """One patient line and the outcomes that are all acceptable for the reply."""

    user: str
    expect: tuple[str, ...]


@dataclass(frozen=True)
class Conversation:
    """A scripted conversation from the file."""

    id: str
    group: str
    turns: tuple[Turn, ...]


@dataclass(frozen=True)
class TurnResult:
    """How one turn went: what was expected, what the assistant did, and what it said."""

    user: str
    intent: str
    expect: tuple[str, ...]
    got: str
    passed: bool
    reason: str
    evidence: tuple[str, ...]
    texts: tuple[str, ...]
    buttons: tuple[str, ...]


@dataclass(frozen=True)
class ConversationResult:
    """How a whole conversation went; it passes when every turn does."""

    id: str
    group: str
    sender_id: str
    turns: tuple[TurnResult, ...]

    @property
    def passed(self) -> bool:
        """Whether every turn passed."""
        return all(turn.passed for turn in self.turns)


def load_conversations(path: Path) -> list[Conversation]:
    """Read and check the YAML file: a list of {id, group, turns: [{user, expect}]}."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ConversationFileError(f"{path}: {error}") from error
    if not isinstance(raw, list) or not raw:
        raise ConversationFileError(f"{path}: expected a list of conversations")
    conversations = []
    for number, item in enumerate(raw, start=1):
        try:
            turns = tuple(
                Turn(str(turn["user"]), tuple(str(e) for e in turn["expect"]))
                for turn in item["turns"]
            )
            conversations.append(Conversation(str(item["id"]), str(item["group"]), turns))
        except (KeyError, TypeError) as error:
            raise ConversationFileError(f"{path}: conversation {number} is malformed") from error
        if not turns or any(not turn.expect for turn in turns):
            raise ConversationFileError(f"{path}: conversation {item['id']} has an empty turn")
    return conversations


def seed_bookings(stack: AssistantStack, seeds: Sequence[SeedBooking] = SEED_BOOKINGS) -> None:
    """Book one free slot for each fixture, directly on the scheduling service."""
    service = stack.scheduling
    response = service.get("/Slot", status="free", _count=str(len(seeds) * 3))
    response.raise_for_status()
    slots = [entry["resource"]["id"] for entry in response.json().get("entry", [])]
    # Every third slot, so that the fixtures do not take one day's first times.
    for seed, slot_id in zip(seeds, slots[::3], strict=False):
        request = BookingRequest(
            reference=seed.reference,
            slot_id=slot_id,
            name="Test Patient",
            phone=seed.phone,
            email=seed.email,
            reason="Joint pain consultation",
            summary="Seeded for the conversation tests.",
        )
        booked = requests.post(
            f"{service.url}/Appointment",
            json=request.to_fhir(),
            headers={
                "Authorization": f"Bearer {service.token}",
                "Idempotency-Key": seed.reference,
            },
            timeout=REQUEST_TIMEOUT_S,
        )
        if booked.status_code >= 400:
            raise StackError(f"Could not seed booking {seed.reference}: {booked.text[:300]}")


def restore_bookings(stack: AssistantStack, conversation: Conversation) -> None:
    """Book again, as seeded, any fixture the conversation names that an earlier one changed.

    Each conversation assumes the file header's bookings exist as seeded; one that cancels
    or moves JPC-AB12CD must not leave the next conversation about JPC-AB12CD with nothing
    to find. Written straight to the stack's scheduling database, as only a test can.
    """
    said = re.sub(r"[^A-Z0-9]", "", " ".join(turn.user for turn in conversation.turns).upper())
    references = [seed.reference for seed in SEED_BOOKINGS if seed.reference.split("-")[1] in said]
    if not references:
        return
    engine = create_engine(f"sqlite:///{stack.log_dir / 'scheduling.db'}")
    appointments, slots = storage.appointment_table, storage.slot_table
    try:
        with engine.begin() as connection:
            for reference in references:
                booking = connection.execute(
                    select(appointments).where(appointments.c.booking_reference == reference)
                ).first()
                if booking is None or booking.status == storage.BOOKED:
                    continue
                slot = (
                    connection.execute(
                        select(slots).where(
                            slots.c.id == booking.slot_id, slots.c.status == storage.FREE
                        )
                    ).first()
                    or connection.execute(
                        select(slots)
                        .where(
                            slots.c.status == storage.FREE, slots.c.start_utc > datetime.utcnow()
                        )
                        .order_by(slots.c.start_utc.desc())
                    ).first()
                )
                if slot is None:
                    raise StackError(f"No free slot left to restore booking {reference}")
                connection.execute(
                    update(appointments)
                    .where(appointments.c.id == booking.id)
                    .values(
                        status=storage.BOOKED,
                        cancelled_utc=None,
                        slot_id=slot.id,
                        start_utc=slot.start_utc,
                        end_utc=slot.end_utc,
                        clinician_id=slot.clinician_id,
                        clinician_name=slot.clinician_name,
                    )
                )
                connection.execute(
                    update(slots).where(slots.c.id == slot.id).values(status=storage.BUSY)
                )
    finally:
        engine.dispose()


def play(stack: AssistantStack, conversation: Conversation) -> ConversationResult:
    """Play every turn in a fresh conversation, then judge the turns from the tracker."""
    restore_bookings(stack, conversation)
    sender_id = f"conv-{conversation.id}-{uuid.uuid4().hex[:8]}"
    for turn in conversation.turns:
        stack.send(sender_id, turn.user)
    events = stack.tracker(sender_id).get("events", [])
    replies = split_turns(events)
    intents = [
        str(((event.get("parse_data") or {}).get("intent") or {}).get("name") or "")
        for event in without_reverted(events)
        if event.get("event") == "user"
    ]
    results = []
    for index, turn in enumerate(conversation.turns):
        reply = read_turn(replies[index]) if index < len(replies) else read_turn([])
        passed, reason = turn_passes(turn.expect, reply)
        results.append(
            TurnResult(
                turn.user,
                intents[index] if index < len(intents) else "",
                turn.expect,
                reply.label,
                passed,
                reason,
                reply.evidence,
                reply.texts,
                reply.buttons,
            )
        )
    return ConversationResult(conversation.id, conversation.group, sender_id, tuple(results))


def run(
    conversations: Sequence[Conversation], stack: AssistantStack, workers: int = WORKERS
) -> list[ConversationResult]:
    """Play the conversations a few at a time; results keep the file's order."""
    return map_in_parallel(lambda conversation: play(stack, conversation), conversations, workers)


def format_table(results: Sequence[ConversationResult]) -> str:
    """Conversations and turns passed, by group and in all."""
    by_group: dict[str, list[ConversationResult]] = defaultdict(list)
    for result in results:
        by_group[result.group].append(result)
    lines = [f"{'group':<18} {'conversations':>14} {'turns':>12}"]
    for group, group_results in [*by_group.items(), ("all", list(results))]:
        passed = sum(result.passed for result in group_results)
        turns = [turn for result in group_results for turn in result.turns]
        turns_passed = sum(turn.passed for turn in turns)
        lines.append(
            f"{group:<18} {passed:>5}/{len(group_results):<3} {passed / len(group_results):>5.0%}"
            f" {turns_passed:>4}/{len(turns):<4}"
        )
    return "\n".join(lines)


def format_failures(results: Sequence[ConversationResult]) -> str:
    """Each failed turn: the conversation, the patient's line, what was expected and said."""
    lines = []
    for result in results:
        for number, turn in enumerate(result.turns, start=1):
            if turn.passed:
                continue
            said = " | ".join(text[:90] for text in turn.texts) or "(nothing)"
            lines.append(
                f"{result.id} #{number} {turn.user!r} ({turn.intent})\n"
                f"    expected {', '.join(turn.expect)}; {turn.reason}\n"
                f"    {' '.join(turn.evidence)}: {said}"
            )
    return "\n".join(lines)


def pass_rate(results: Sequence[ConversationResult]) -> float:
    """The share of conversations in which every turn passed."""
    return sum(result.passed for result in results) / len(results) if results else 0.0


def report_payload(
    path: Path, model: Path, results: Sequence[ConversationResult]
) -> dict[str, Any]:
    """Everything the run saw, for reports/conversations.json."""
    return {
        "file": str(path),
        "model": model.name,
        "passed": sum(result.passed for result in results),
        "conversations": len(results),
        "results": [{**asdict(result), "passed": result.passed} for result in results],
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--model", type=Path, default=None, help="default: newest models/*.tar.gz")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--only", default=None, help="play only conversations whose id has this")
    args = parser.parse_args(argv)

    try:
        conversations = load_conversations(args.file)
    except ConversationFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.only:
        conversations = [c for c in conversations if args.only in c.id]

    started = time.monotonic()
    try:
        with running_assistant(args.model) as stack:
            seed_bookings(stack)
            print(f"Playing {len(conversations)} conversations (model {stack.model_path.name}) ...")
            results = run(conversations, stack, workers=args.workers)
            model = stack.model_path
    except StackError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except requests.RequestException as error:
        print(f"error: the assistant failed to answer: {error}", file=sys.stderr)
        return 1

    print(format_failures(results))
    print(format_table(results))
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(
        json.dumps(report_payload(args.file, model, results), indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"Wrote {args.report} ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

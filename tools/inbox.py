"""The inbox of questions patients asked that the assistant could not answer.

    make inbox                                        # list them, grouped, and answers rated
    make inbox-add FAQ=sciatica MESSAGE="..."         # add one as an example of an FAQ
    make inbox-new KEY=opening_hours MESSAGE="..."    # start a new FAQ from one

Listing reads every stored conversation from the tracker store (Redis, as the running
assistant keeps them) and groups the messages with clinic.faq.inbox. Adding and starting
write the FAQ source (faqs/<key>.yml) only, ready for `make retrain`, which checks the
FAQs and writes the Rasa files. The staff page runs these same commands.

Exit status: 0 done; 1 refused (the reason is printed); 2 the store or files cannot be read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from clinic.faq.from_inbox import InboxActionError, draft_faq, with_example
from clinic.faq.inbox import DEFAULT_MIN_OVERLAP, Inbox, build_inbox
from clinic.faq.source import FaqSource, render_source
from rasa_server.stores.conversation_reader import ConversationStoreError, read_conversations
from startup.settings import SettingsError, load_settings
from tools.faq_files import FAQ_CONFIG, FAQ_SOURCE_DIR, FaqConfigError, read_config, read_sources

REPLY_NAMES = {
    "utter_did_you_mean": "did you mean",
    "utter_not_covered": "not covered",
    "utter_out_of_scope": "out of scope",
    "utter_cannot_answer": "cannot answer",
    "utter_default": "not understood",
    "utter_ask_rephrase": "asked to rephrase",
    "utter_offer_contact": "offered the clinic's phone",
    "utter_faq_not_helpful": "not helpful",
}


def conversation_store_url() -> str:
    """The Redis database the assistant keeps conversations in (startup/settings.py)."""
    return load_settings().conversation_redis_url


def read_inbox(url: str, min_overlap: float = DEFAULT_MIN_OVERLAP) -> Inbox:
    """The inbox from the conversations stored at `url`."""
    return build_inbox(read_conversations(url), min_overlap)


def reply_summary(replies: Mapping[str, int]) -> str:
    """The replies a group got, in words: "did you mean 3, cannot answer 1"."""
    ordered = sorted(replies.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{REPLY_NAMES.get(name, name)} {count}" for name, count in ordered)


@dataclass(frozen=True)
class AnswerRow:
    """One FAQ's answers given, and how often the patient then said it helped or did not."""

    key: str
    answers: int
    helpful: int
    not_helpful: int


def answer_rows(inbox: Inbox) -> list[AnswerRow]:
    """Every FAQ answered or rated, the most answered first (the terminal and the page)."""
    keys = set(inbox.answers) | set(inbox.helpful) | set(inbox.not_helpful)
    rows = [
        AnswerRow(
            key,
            inbox.answers.get(key, 0),
            inbox.helpful.get(key, 0),
            inbox.not_helpful.get(key, 0),
        )
        for key in keys
    ]
    return sorted(rows, key=lambda row: (-row.answers, row.key))


def render(inbox: Inbox) -> str:
    """The inbox as text for the terminal."""
    lines = []
    total = sum(group.count for group in inbox.groups)
    if inbox.groups:
        lines.append(
            f"Unanswered: {total} message(s) in {len(inbox.groups)} group(s), from "
            f"{inbox.conversations} conversation(s); most frequent first."
        )
        for number, group in enumerate(inbox.groups, 1):
            lines.append("")
            lines.append(
                f"{number:>3}. {group.count}x, {group.first:%Y-%m-%d} to {group.last:%Y-%m-%d}"
                f" ({reply_summary(group.replies)})"
            )
            for message in group.messages:
                lines.append(f"       {message.count}x  {message.text}")
    else:
        lines.append(f"No unanswered messages in {inbox.conversations} stored conversation(s).")
    lines += ["", "Answers given, by FAQ (and how often patients said they helped):"]
    rows = answer_rows(inbox)
    if rows:
        width = max(len(row.key) for row in rows)
        lines.append(f"  {'FAQ':<{width}}  answers  helped  did not help")
        for row in rows:
            lines.append(
                f"  {row.key:<{width}}  {row.answers:>7}  {row.helpful:>6}  {row.not_helpful:>12}"
            )
    else:
        lines.append("  none yet")
    if inbox.groups:
        lines += [
            "",
            'Add a message to an FAQ:  make inbox-add FAQ=<key> MESSAGE="<message>"',
            'Start a new FAQ from it:  make inbox-new KEY=<new_key> MESSAGE="<message>"',
        ]
    return "\n".join(lines)


def _write(faqs_dir: Path, faq: FaqSource) -> Path:
    path = faqs_dir / f"{faq.key}.yml"
    path.write_text(render_source(faq), encoding="utf-8")
    return path


def _sources(faqs_dir: Path) -> list[FaqSource]:
    faqs, problems = read_sources(faqs_dir)
    if problems:
        shown = "; ".join(str(problem) for problem in problems)
        raise InboxActionError(f"fix these FAQ files first: {shown}")
    return faqs


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--faqs", type=Path, default=FAQ_SOURCE_DIR)
    parser.add_argument("--config", type=Path, default=FAQ_CONFIG)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="list the unanswered messages, grouped")
    listing.add_argument("--redis-url", help="the conversation store (default: the assistant's)")
    listing.add_argument("--min-overlap", type=float, default=DEFAULT_MIN_OVERLAP)
    add = commands.add_parser("add-example", help="add a message as an example of an FAQ")
    add.add_argument("faq", help="the FAQ's key")
    add.add_argument("message")
    new = commands.add_parser("new-faq", help="start a new FAQ from a message")
    new.add_argument("key", help="the new FAQ's key, like opening_hours")
    new.add_argument("message")
    args = parser.parse_args(argv)

    if args.command == "list":
        try:
            url = args.redis_url or conversation_store_url()
            print(render(read_inbox(url, args.min_overlap)))
        except (ConversationStoreError, SettingsError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        return 0

    try:
        settings, _ = read_config(args.config)
        faqs = _sources(args.faqs)
        if args.command == "add-example":
            faq = with_example(faqs, args.faq, args.message, args.today, settings)
            path = _write(args.faqs, faq)
            print(f"Added to {path.name}: {args.message.strip()}")
        else:
            faq = draft_faq(faqs, args.key, args.message)
            path = _write(args.faqs, faq)
            print(
                f"Started {path.name} with this message as its first example. Fill in the "
                f"answer, section, topic, review fields and at least {settings.min_examples - 1} "
                "more examples; "
                "`make faq-check` lists what is missing."
            )
    except InboxActionError as error:
        print(f"Not done: {error}", file=sys.stderr)
        return 1
    except (FaqConfigError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print("Run `make retrain` to put the change live.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

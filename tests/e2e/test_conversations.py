"""The blind conversations (tests/blind/conversations.yml) over REST against the real servers.

Written by a helper who never saw data/, the tests or the code; never trained or tuned on.
The floor is a regression guard a few points under the figure measured when it was set
(docs/decisions/0002-whole-conversations.md), not the issue's target.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.conftest import running
from tools.conversation_judge import SILENT
from tools.conversations import DEFAULT_FILE, load_conversations, pass_rate, run, seed_bookings
from tools.stack import AssistantStack, StackError, running_assistant

FLOOR = 0.72
"""A few points under today's 75.5% (111 of 147). Cancelling asks "Shall I cancel ...?"
first, which 7 cancel conversations do not expect (docs/decisions/0014); the check-in and
booking changes of the fifth patient trial cost 6 more, one cause of which was found and
fixed (docs/decisions/0015-patient-trial-5.md)."""


@pytest.fixture(scope="module")
def started() -> Iterator[AssistantStack | StackError]:
    try:
        with running_assistant() as stack:
            seed_bookings(stack)
            yield stack
    except StackError as error:
        yield error


def test_blind_conversations_do_not_regress_and_no_turn_goes_unanswered(
    started: AssistantStack | StackError,
) -> None:
    results = run(load_conversations(DEFAULT_FILE), running(started))
    silent = [
        (result.id, turn.user) for result in results for turn in result.turns if turn.got == SILENT
    ]
    assert silent == [], "every patient message gets a reply"
    assert pass_rate(results) >= FLOOR, [r.id for r in results if not r.passed]

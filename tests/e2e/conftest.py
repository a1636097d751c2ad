"""The real servers for an end-to-end test module, started once per module.

Needs a trained model in models/ (the Makefile trains one first). Without one these tests
fail, on purpose: a silently skipped end-to-end test would hide a broken build.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tools.stack import AssistantStack, StackError, running_assistant


@pytest.fixture(scope="module")
def started() -> Iterator[AssistantStack | StackError]:
    """Start the stack once for the module; keep a start-up error to fail each test with.

    The error is raised inside the tests rather than the fixture so that pytest reports
    a FAILED test with the reason (no model, a server that died), not a setup error. A
    module that needs other settings defines its own `started`.
    """
    try:
        with running_assistant() as stack:
            yield stack
    except StackError as error:
        yield error


def running(started: AssistantStack | StackError) -> AssistantStack:
    """The running stack, or the test fails with why it could not start."""
    if isinstance(started, StackError):
        pytest.fail(f"Could not start the assistant: {started}", pytrace=False)
    return started

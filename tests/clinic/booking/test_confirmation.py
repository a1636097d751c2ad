from __future__ import annotations

import pytest

from clinic.booking.confirmation import declines_booking, read_confirmation


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("yes", True),
        ("si, yes", True),
        ("Sí", True),
        ("lovely, yes", True),
        ("perfect thanks", True),
        ("no change. yes book", True),
        ("nothing to change, I said yes!", True),
        ("no changes", True),
        ("never mind, just book it", True),
        ("ok go ahead", True),
        ("that's fine", True),
        ("yes please confirm", True),
        ("no", False),
        ("don't book it, I'll think about it", False),
        ("not now thanks", False),
        ("forget it", False),
        ("never mind", False),
        ("can we do thursday instead", None),
        ("my email is wrong", None),
        ("hmm", None),
    ],
)
def test_read_confirmation(text: str, answer: bool | None) -> None:
    assert read_confirmation(text) is answer


def test_never_mind_to_what_to_change_means_nothing_to_change() -> None:
    assert read_confirmation("never mind", asked_what_to_change=True) is True
    assert read_confirmation("never mind, don't book it", asked_what_to_change=True) is False


@pytest.mark.parametrize(
    ("text", "asked", "declines"),
    [
        ("don't book it, I'll think about it", False, True),
        ("not now thanks", False, True),
        ("forget it", False, True),
        ("never mind", False, True),
        ("never mind", True, False),
        ("never mind, just book it", False, False),
        ("no", False, False),  # asks what to change, like the No button
        ("no, the wrong day", False, False),
    ],
)
def test_declines_booking(text: str, asked: bool, declines: bool) -> None:
    assert declines_booking(text, asked_what_to_change=asked) is declines

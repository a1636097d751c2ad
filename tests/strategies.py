"""Hypothesis strategies for what a client might send: any text, any JSON."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# The same examples on every run (CI included): a failure is reproducible, not a flake.
# Run with --hypothesis-seed=<n> locally to explore other inputs.
REPRODUCIBLE = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def any_text(max_size: int) -> st.SearchStrategy[str]:
    """Every character, lone surrogates and control characters included."""
    return st.text(alphabet=st.characters(blacklist_categories=()), max_size=max_size)


def json_values(max_text: int = 300) -> st.SearchStrategy[Any]:
    """Any JSON value: scalars, and lists and objects of them, a few levels deep."""
    return st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text(max_text),
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(any_text(max_text), inner, max_size=4)
        ),
        max_leaves=10,
    )


# What the issue lists as hostile: empty, 100,000 characters, control characters, emoji,
# right-to-left text, a lone surrogate, HTML and script, SQL-looking text.
HOSTILE_TEXTS = (
    "",
    " \t\n",
    "x" * 100_000,
    "\x00\x07\x1b[31m\x7f",
    "🦴🔥💊" * 50,
    "\u202e\u0639\u0631\u0628\u064a right-to-left\u202c",
    "\ud83d",
    "<script>alert(1)</script><b>bold</b>",
    "'; DROP TABLE appointments; --",
    "Robert'); SELECT * FROM events WHERE '1'='1",
)


def hostile_text(max_size: int = 3000) -> st.SearchStrategy[str]:
    """The listed hostile texts, and any text at all."""
    return st.one_of(st.sampled_from(HOSTILE_TEXTS), any_text(max_size))


def encodable(text: str) -> str:
    """`text` as a form or a header can carry it: lone surrogates replaced."""
    return text.encode("utf-8", "replace").decode("utf-8")

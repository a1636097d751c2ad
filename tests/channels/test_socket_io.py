"""Reading a socket.io message: whatever the client sends, text and metadata or nothing."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from channels.socket_io import read_socket_message, resumed_session, session_secret
from tests.strategies import REPRODUCIBLE, any_text, json_values

ANY_TEXT = any_text(500)
JSON_VALUES = json_values()


@REPRODUCIBLE
@given(data=JSON_VALUES | st.dictionaries(st.sampled_from(["message", "metadata"]), JSON_VALUES))
def test_any_event_is_read_as_text_and_metadata(data: Any) -> None:
    text, metadata = read_socket_message(data, "metadata")
    assert isinstance(text, str) and isinstance(metadata, dict)


def test_a_message_and_its_metadata_are_read() -> None:
    data = {"message": "hello", "metadata": '{"page": "/knees"}', "session_id": "x"}
    assert read_socket_message(data, "metadata") == ("hello", {"page": "/knees"})
    assert read_socket_message({"message": 3, "metadata": "{not json"}, "metadata") == ("", {})


@REPRODUCIBLE
@given(request=JSON_VALUES)
def test_only_a_session_id_with_its_own_secret_is_resumed(request: Any) -> None:
    assert resumed_session("key", request) is None or (
        isinstance(request, dict)
        and request.get("session_secret") == session_secret("key", request["session_id"])
    )


def test_the_secret_belongs_to_one_session_and_one_key() -> None:
    secret = session_secret("key", "abc")
    assert resumed_session("key", {"session_id": "abc", "session_secret": secret}) == "abc"
    assert resumed_session("key", {"session_id": "abd", "session_secret": secret}) is None
    assert resumed_session("other", {"session_id": "abc", "session_secret": secret}) is None

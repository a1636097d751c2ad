"""Whatever a client sends the scheduling API: a clear 4xx or success, never a 500."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.scheduling_service.conftest import Api, appointment_body
from tests.strategies import REPRODUCIBLE, any_text, json_values

FIRST = "dr-a-20261130T0900"

ANY_TEXT = any_text(300)
JSON_VALUES = json_values()
# What an HTTP header can carry at all (the client refuses the rest before sending).
HEADER_TEXT = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=300
).map(str.strip)
common = REPRODUCIBLE


def outcome_is_clear(response: Any) -> None:
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.json()["resourceType"] == "OperationOutcome"


@common
@given(body=JSON_VALUES, key=HEADER_TEXT)
def test_any_appointment_body_gets_a_clear_answer_and_books_nothing(
    api: Api, body: Any, key: str
) -> None:
    response = api.post("/Appointment", content=json.dumps(body), headers={"Idempotency-Key": key})
    outcome_is_clear(response)
    assert response.status_code >= 400


@common
@given(field=st.sampled_from(["identifier", "slot", "contained", "participant"]), value=JSON_VALUES)
def test_a_booking_with_one_field_broken_gets_a_clear_answer(
    api: Api, field: str, value: Any
) -> None:
    body = appointment_body(FIRST)
    body[field] = value
    response = api.post("/Appointment", json=body, headers={"Idempotency-Key": "k-broken"})
    outcome_is_clear(response)


@common
@given(
    query=st.dictionaries(
        st.sampled_from(["start", "status", "_count", "identifier", "x"]), ANY_TEXT, max_size=3
    )
)
def test_any_search_gets_a_clear_answer(api: Api, query: dict[str, str]) -> None:
    outcome_is_clear(api.get("/Slot", params=query))
    outcome_is_clear(api.get("/Appointment", params=query))


@common
@given(raw=st.binary(max_size=300))
def test_bytes_that_are_not_json_are_refused(api: Api, raw: bytes) -> None:
    response = api.post("/Appointment", content=raw, headers={"Idempotency-Key": "k-bytes"})
    outcome_is_clear(response)
    assert response.status_code >= 400

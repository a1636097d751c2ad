from pathlib import Path

from action_server.io.callbacks import CallbackRequest, CallbackStore
from action_server.io.outbox import create_outbox_engine

REQUEST = CallbackRequest(
    reference="JPC-ABC234",
    name="Anna Smith",
    contact="+447700900123",
    preferred_times="weekday mornings",
    summary="Pain for 30 days; severity 8/10.",
)


async def test_a_callback_request_survives_a_new_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'outbox.db'}"
    await CallbackStore(create_outbox_engine(url)).save(REQUEST)
    assert await CallbackStore(create_outbox_engine(url)).all() == [REQUEST]


async def test_requests_are_listed_oldest_first(tmp_path: Path) -> None:
    store = CallbackStore(create_outbox_engine(f"sqlite:///{tmp_path / 'outbox.db'}"))
    second = CallbackRequest("JPC-XYZ789", "Bo Lee", "bo@example.com", "", "")
    await store.save(REQUEST)
    await store.save(second)
    assert [r.reference for r in await store.all()] == ["JPC-ABC234", "JPC-XYZ789"]


async def test_times_said_later_are_added_to_the_request(tmp_path: Path) -> None:
    store = CallbackStore(create_outbox_engine(f"sqlite:///{tmp_path / 'outbox.db'}"))
    await store.save(REQUEST)
    assert await store.add_preferred_times("JPC-ABC234", "after 2pm")
    assert not await store.add_preferred_times("JPC-NOPE22", "after 2pm")
    [stored] = await store.all()
    assert stored.preferred_times == "weekday mornings, after 2pm"


async def test_a_new_contact_replaces_the_one_on_the_request(tmp_path: Path) -> None:
    store = CallbackStore(create_outbox_engine(f"sqlite:///{tmp_path / 'outbox.db'}"))
    await store.save(REQUEST)
    assert await store.change_contact("JPC-ABC234", "+447700900733")
    assert not await store.change_contact("JPC-NOPE22", "+447700900733")
    [stored] = await store.all()
    assert stored.contact == "+447700900733"

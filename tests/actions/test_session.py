from rasa_sdk.events import ActionExecuted, SessionStarted
from rasa_sdk.executor import CollectingDispatcher

from actions.session import ActionSessionStart
from tests.actions.conftest import make_tracker


async def test_a_session_starts_with_the_introduction(dispatcher: CollectingDispatcher) -> None:
    events = await ActionSessionStart().run(dispatcher, make_tracker(), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_intro"]
    assert events == [SessionStarted(), ActionExecuted("action_listen")]

"""Starting the check-in from any reply that meets a story of back pain.

Several replies (the clinic's details, an FAQ answer, an unclear message) end by starting
the check-in for the story they were told with; a child's back pain is never given the
adult check-in, whichever reply it came through.
"""

from __future__ import annotations

from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from clinic.scope import Scope, about_a_child, child_of_unknown_age
from clinic.triage.red_flags import read_red_flags
from clinic.wording import asks_about_emergency_signs

CHECKIN_FORM = "symptom_checkin_form"


def start_checkin(
    dispatcher: CollectingDispatcher, text: str, topic: list[EventType] | None = None
) -> list[EventType]:
    """The check-in for the story told in `text`, or, for a child's, the child's reply.

    "Random q first, is there a bus near you? Anyway my grandson is 8 and his back
    hurts": a doctor should see a child's back pain; the check-in and its advice are
    written for adults. A son or daughter of unknown age may be grown up and is checked in.
    """
    child = child_reply_instead(dispatcher, text)
    if child is not None:
        return [*(topic or []), *child]
    if warning_signs_instead(dispatcher, text):
        return [*(topic or []), FollowupAction("action_listen")]
    dispatcher.utter_message(response="utter_start_checkin")
    return [*(topic or []), FollowupAction(CHECKIN_FORM)]


def warning_signs_instead(dispatcher: CollectingDispatcher, text: str) -> bool:
    """Say the warning signs for a question about what to look out for; whether it did.

    Only when `text` names a warning sign as past or not the patient's.

    "Years ago my late dad ended up in hospital because he couldn't pee. Mum doesn't have
    anything like that, but what should we look out for?": the signs, and where to go with
    them, answer it; the check-in's questions do not.
    """
    if not asks_about_emergency_signs(text) or not read_red_flags(text).set_aside:
        return False
    dispatcher.utter_message(response="utter_warning_signs")
    return True


def child_reply_instead(dispatcher: CollectingDispatcher, text: str) -> list[EventType] | None:
    """The child's reply, said, when `text` tells of a child's back pain; else None."""
    from actions.scope import RESPONSES  # imported here: actions.scope imports the callers

    if not about_a_child(text) or child_of_unknown_age(text):
        return None
    dispatcher.utter_message(response=RESPONSES[Scope.CHILD.value])
    return [SlotSet("scope_reason", Scope.CHILD.value)]

import pytest

from clinic.triage.emergency_state import (
    THEIR_CARE_NOW,
    Advice,
    State,
    Step,
    advice_for,
    already_seen,
    follow_up,
    help_is_coming,
    is_retraction,
    on_red_flag,
    on_suspicion,
    told_as_longstanding,
    told_for_weeks,
    with_advice,
)

FOLLOW_UPS = [
    "what should I do",
    "can I not just book for next week instead?",
    "ok",
    "how long will it take",
    "is it really that serious?",
    "what about painkillers",
    "thanks",
    "can I see a physio instead",
    "my back still hurts",
]


@pytest.mark.parametrize("text", FOLLOW_UPS)
def test_every_follow_up_gets_the_urgent_advice_again(text: str) -> None:
    assert follow_up(State.URGENT, "faq", text) == Step(("utter_emergency_reminder",), State.URGENT)
    assert follow_up(State.CRISIS, "faq", text) == Step(("utter_crisis_reminder",), State.CRISIS)


@pytest.mark.parametrize(
    "text",
    [
        "that was years ago",
        "it wasn't me, it was my dad",
        "not me, I was just asking",
        "it happened last year",
        "I don't have any of those",
        "sorry I meant my grandma, she's with her doctor now",
        "it wasn't a serious fall, I just slipped",
        "it's a figure of speech",
        "honestly it was only 2 steps, i can walk fine, just feels bruised",
    ],
)
def test_a_past_or_someone_elses_red_flag_is_checked_then_cleared(text: str) -> None:
    assert is_retraction(text)
    asked = follow_up(State.URGENT, "inform", text)
    assert asked == Step(("utter_emergency_confirm_clear",), State.CLEARING_URGENT)
    assert follow_up(State.CLEARING_URGENT, "affirm", "yes") == Step(
        ("utter_emergency_cleared",), None
    )
    assert follow_up(State.CLEARING_URGENT, "deny", "no") == Step(
        ("utter_emergency_reminder",), State.URGENT
    )


def test_a_red_flag_gets_urgent_care_the_crisis_line_or_both() -> None:
    assert on_red_flag(crisis=False, physical=True) == Step(("utter_emergency",), State.URGENT)
    assert on_red_flag(crisis=True, physical=False) == Step(("utter_crisis",), State.CRISIS)
    assert on_red_flag(crisis=True, physical=True).responses == ("utter_emergency", "utter_crisis")


def test_a_suspicion_is_a_question_answered_by_yes_or_no() -> None:
    assert on_suspicion(crisis=False) == Step(("utter_emergency_check",), State.CHECK_URGENT)
    yes = follow_up(State.CHECK_URGENT, "affirm", "yes")
    assert yes == Step(("utter_emergency",), State.URGENT)
    assert follow_up(State.CHECK_URGENT, "deny", "no") == Step(
        ("utter_emergency_check_cleared",), None
    )
    assert follow_up(State.CHECK_CRISIS, "affirm", "yes") == Step(("utter_crisis",), State.CRISIS)
    assert follow_up(State.CHECK_CRISIS, "deny", "no") == Step(
        ("utter_crisis_check_cleared",), None
    )
    assert follow_up(State.CHECK_URGENT, "faq", "is it really serious?") == Step(
        ("utter_emergency_check_again",), State.CHECK_URGENT
    ), "asked again, in words that show the question was heard"
    assert follow_up(State.CHECK_CRISIS, "faq", "why do you ask") == Step(
        ("utter_crisis_check_again",), State.CHECK_CRISIS
    )


@pytest.mark.parametrize(
    "text",
    [
        "sorry no i meant that happened last year after my op, im totally fine now",
        "im already in hospital, I just need to cancel",
        "that was in 2015, all fine now",
    ],
)
def test_a_retraction_that_says_it_is_over_and_looked_after_clears_at_once(text: str) -> None:
    assert follow_up(State.URGENT, "inform", text) == Step(("utter_emergency_cleared",), None)


def test_a_settled_retraction_of_a_crisis_is_still_checked_with_the_helpline() -> None:
    step = follow_up(State.CRISIS, "inform", "that was years ago, i'm fine now")
    assert step == Step(("utter_crisis_confirm_clear",), State.CLEARING_CRISIS)
    assert follow_up(State.CLEARING_CRISIS, "affirm", "yes") == Step(
        ("utter_crisis_cleared",), None
    )
    assert follow_up(State.CLEARING_CRISIS, "deny", "no") == Step(
        ("utter_crisis_reminder",), State.CRISIS
    )


def test_past_thoughts_of_self_harm_get_the_helpline_and_a_gentle_check() -> None:
    assert on_red_flag(crisis=True, physical=False, settled_past=True) == Step(
        ("utter_crisis_confirm_clear",), State.CLEARING_CRISIS
    )
    # a physical red flag told as past still gets the urgent reply from this function;
    # the red-flag rules decide first whether it is a report at all
    assert on_red_flag(crisis=False, physical=True, settled_past=True).responses == (
        "utter_emergency",
    )


def test_a_bare_retraction_is_checked_first() -> None:
    step = follow_up(State.URGENT, "inform", "it was years ago")
    assert step == Step(("utter_emergency_confirm_clear",), State.CLEARING_URGENT)


@pytest.mark.parametrize(
    "text",
    [
        "its not new, its been like that for over a year, goes away when i sit down",
        "I've had that for years",
        "it's always been like this",
    ],
)
def test_a_long_standing_symptom_is_checked_for_being_new_then_sent_to_a_specialist(
    text: str,
) -> None:
    asked = follow_up(State.URGENT, "inform", text)
    assert asked == Step(("utter_emergency_confirm_longstanding",), State.CLEARING_LONGSTANDING)
    # The question is "is it new, or has it suddenly got worse?".
    cleared = follow_up(State.CLEARING_LONGSTANDING, "deny", "no")
    assert cleared == Step(("utter_emergency_cleared_longstanding",), None)
    kept = follow_up(State.CLEARING_LONGSTANDING, "affirm", "yes")
    assert kept == Step(("utter_emergency_reminder",), State.URGENT)


@pytest.mark.parametrize(
    ("intent", "text", "urgent"),
    [
        ("deny", "no, nothing like that", False),
        ("deny", "no not new", False),
        ("inform", "it's been the same for about 2 months", False),
        ("affirm", "yes I've had it for years", False),
        ("deny", "no it's worse today", True),
        ("inform", "it got much worse this morning", True),
        ("affirm", "yes", True),
        ("affirm", "yeah it's getting worse", True),
    ],
)
def test_the_long_standing_check_asks_whether_it_is_new(
    intent: str, text: str, urgent: bool
) -> None:
    step = follow_up(State.CLEARING_LONGSTANDING, intent, text)
    expected = (
        Step(("utter_emergency_reminder",), State.URGENT)
        if urgent
        else Step(("utter_emergency_cleared_longstanding",), None)
    )
    assert step == expected


def test_long_standing_thoughts_of_self_harm_are_not_cleared_that_way() -> None:
    step = follow_up(State.CRISIS, "inform", "I've felt like that for years")
    assert step.state is not None and step.state.crisis


@pytest.mark.parametrize(
    ("state", "text", "cleared"),
    [
        (State.CLEARING_URGENT, "Yes, nobody has them now", "utter_emergency_cleared"),
        (State.CLEARING_CRISIS, "Yes, I'm safe", "utter_crisis_cleared"),
        (State.CHECK_URGENT, "no, not happening", "utter_emergency_check_cleared"),
    ],
)
def test_a_yes_or_no_in_words_answers_like_the_buttons(
    state: State, text: str, cleared: str
) -> None:
    # The classifier may read the words as anything; the opening yes or no decides.
    assert follow_up(state, "describe_own_pain", text) == Step((cleared,), None)


@pytest.mark.parametrize(
    ("state", "again"),
    [
        (State.CLEARING_URGENT, "utter_emergency_confirm_clear_again"),
        (State.CLEARING_LONGSTANDING, "utter_emergency_confirm_longstanding_again"),
        (State.CLEARING_CRISIS, "utter_crisis_confirm_clear"),
    ],
)
def test_a_question_typed_instead_of_the_answer_gets_the_check_again_not_the_alarm(
    state: State, again: str
) -> None:
    step = follow_up(state, "faq", "ok but what stretches can I do")
    assert step == Step((again,), state)


@pytest.mark.parametrize(
    "state", [State.CLEARING_URGENT, State.CLEARING_LONGSTANDING, State.CLEARING_CRISIS]
)
@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("deny", "no"),
        ("report_emergency", "actually now I can't feel my groin"),
        ("report_crisis", "I want to end it"),
    ],
)
def test_a_no_or_a_new_red_flag_while_checking_is_urgent_again(
    state: State, intent: str, text: str
) -> None:
    if state is State.CLEARING_LONGSTANDING and intent == "deny":
        # That check asks "is it new, or suddenly worse?", where a no stands it down.
        intent, text = "affirm", "yes"
    step = follow_up(state, intent, text)
    assert step.state in (State.URGENT, State.CRISIS)
    assert step.responses[0].endswith("_reminder")


def test_the_past_or_someone_else_said_twice_settles_it() -> None:
    step = follow_up(State.CLEARING_URGENT, "inform", "like I said, he is with the doctor now")
    assert step == Step(("utter_emergency_cleared",), None)


@pytest.mark.parametrize(
    ("text", "only_fever", "reply"),
    [
        # a fever gone for days is checked once, then stood down
        (
            "the fever was last week and it's gone now, temperature is normal today",
            True,
            "utter_emergency_confirm_clear",
        ),
        (
            "it was a week ago, I'm fine now apart from the usual back",
            True,
            "utter_emergency_confirm_clear",
        ),
        (
            "the temperature is gone now tho, it was just a few days last week",
            True,
            "utter_emergency_confirm_clear",
        ),
        # gone an hour ago, or any other red flag that passed: a doctor today
        ("the fever stopped an hour ago, I'm fine now", True, "utter_emergency_passed_recently"),
        ("it was last week and it's gone now", False, "utter_emergency_passed_recently"),
    ],
)
def test_a_fever_days_gone_is_checked_not_sent_to_a_doctor_today(
    text: str, only_fever: bool, reply: str
) -> None:
    step = follow_up(State.URGENT, "inform", text, only_fever=only_fever)
    assert step.responses == (reply,)


def test_a_crisis_is_left_only_on_a_clear_yes() -> None:
    step = follow_up(State.CLEARING_CRISIS, "inform", "I was just asking")
    assert step == Step(("utter_crisis_confirm_clear",), State.CLEARING_CRISIS)


@pytest.mark.parametrize(
    "text",
    [
        "the fall was yesterday, I'm fine now honestly",
        "it stopped, I'm ok now",
        "but it stopped, I'm fine now, it only happened once",
        "it was like that for an hour and now it's gone",
        # the person asked for, come round again
        "he is fine now, he's sitting up and talking",
        "she says she's ok now",
        "ok hes moving his legs again now and says hes fine, just shaken. do we still need the "
        "ambulance?",
    ],
)
def test_feeling_fine_after_something_recent_still_needs_a_doctor_today(text: str) -> None:
    step = follow_up(State.URGENT, "inform", text)
    assert step == Step(("utter_emergency_passed_recently",), State.URGENT)


def test_feeling_fine_long_after_it_clears_at_once() -> None:
    step = follow_up(State.URGENT, "inform", "that was years ago, I'm fine now")
    assert step == Step(("utter_emergency_cleared",), None)


@pytest.mark.parametrize(
    "text",
    [
        "ambulance is coming. what do i do while we wait?",
        "I KNOW. the ambulance is coming already",
        "we called 999",
        "we're on our way to A&E now",
        "wife driving me to A&E",
        "already on the way",
        "I am already being seen by a doctor",
        "we're waiting for the ambulance",
        "what do i do while we wait for the ambulance",
    ],
)
def test_help_on_its_way_is_acknowledged_and_remembered(text: str) -> None:
    assert follow_up(State.URGENT, "inform", text) == Step(
        ("utter_emergency_help_coming",), State.HELP_COMING
    )


@pytest.mark.parametrize(
    "text",
    [
        "fine. ok. im going. thanks",
        "fine ill call. thanks",
        "ok ok we'll take him to a&e now",
        "taking her to hospital",
        "they said come in. partner is driving me there now",
        "ok ok im calling the maternity unit now",
        "ok calling now. can i just lie him down",
        "ok my flatmate is taking me now",
        "She is already IN hospital, they are looking after her",
        "He can walk to the car fine, he didn't fall. so we will drive him to A&E now. Is that ok?",
        "ok we are leaving for A&E now. thank you",
    ],
)
def test_agreeing_to_go_or_to_call_is_help_coming(text: str) -> None:
    assert follow_up(State.URGENT, "inform", text).state is State.HELP_COMING


@pytest.mark.parametrize(
    "text",
    [
        "im going to wait till tomorrow",
        "i'll call you tomorrow to book",
        "should i call 999",
        "im not going to A&E for a slip. can i just book a normal appointment",
    ],
)
def test_waiting_calling_the_clinic_or_asking_is_not_help_coming(text: str) -> None:
    assert not help_is_coming(text)


@pytest.mark.parametrize("text", ["ok", "thanks", "what do i tell them", "my back still hurts"])
def test_once_help_is_coming_follow_ups_are_not_told_to_stop_waiting(text: str) -> None:
    assert follow_up(State.HELP_COMING, "inform", text) == Step(
        ("utter_emergency_help_coming_reminder",), State.HELP_COMING
    )


def test_a_booking_for_after_the_hospital_is_explained_once_help_is_coming() -> None:
    text = "they're coming. can i book a follow up with you for after?"
    assert follow_up(State.URGENT, "request_appointment", text, asks_to_book=True) == Step(
        ("utter_emergency_help_coming", "utter_emergency_book_after"), State.HELP_COMING
    )
    later = follow_up(State.HELP_COMING, "request_appointment", "can i book", asks_to_book=True)
    assert later == Step(("utter_emergency_book_after",), State.HELP_COMING)
    # instead of going, a booking is still refused
    instead = follow_up(State.URGENT, "request_appointment", "can i just book", asks_to_book=True)
    assert instead == Step(("utter_emergency_reminder",), State.URGENT)


def test_a_cancel_asked_for_in_an_emergency_is_left_for_later_and_said_so() -> None:
    text = "ambulance is on the way. please just cancel JPC-KRDDA6 so someone else can have it"
    assert follow_up(State.URGENT, "cancel_appointment", text) == Step(
        ("utter_emergency_help_coming", "utter_emergency_cancel_later"), State.HELP_COMING
    )
    later = follow_up(State.HELP_COMING, "inform", "hello?? is it cancelled or not")
    assert later == Step(("utter_emergency_cancel_later",), State.HELP_COMING)
    before = follow_up(State.URGENT, "cancel_appointment", "just cancel my appointment")
    assert before == Step(
        ("utter_emergency_reminder", "utter_emergency_cancel_later"), State.URGENT
    )


@pytest.mark.parametrize(
    "text",
    [
        "should I drive myself there",
        "should i try to drive there or",
    ],
)
def test_asking_whether_to_drive_is_told_not_to(text: str) -> None:
    assert follow_up(State.URGENT, "inform", text) == Step(
        ("utter_emergency_dont_drive",), State.URGENT
    )
    ambulance = with_advice(follow_up(State.URGENT, "inform", text), Advice.AMBULANCE)
    assert ambulance.responses == ("utter_emergency_ambulance_reminder",)


def test_putting_it_off_after_agreeing_to_go_is_urgent_again() -> None:
    step = follow_up(State.HELP_COMING, "inform", "actually he wants to wait till morning")
    assert step == Step(("utter_emergency_reminder",), State.URGENT)


@pytest.mark.parametrize(
    "text",
    [
        "im not going to do anything. i just meant im fed up. its the pain",
        "the really dark stuff was back in the summer, im ok now",
        "I'm safe, I didn't mean it like that",
    ],
)
def test_thoughts_of_self_harm_taken_back_are_checked_with_the_helpline(text: str) -> None:
    assert follow_up(State.CRISIS, "inform", text) == Step(
        ("utter_crisis_confirm_clear",), State.CLEARING_CRISIS
    )


@pytest.mark.parametrize(
    "text",
    [
        "It is not emergency. It happens every day for months when I walk",
        "it's been like this for years, always when I walk far",
        "its not sudden, its been gradual over a couple of months",
        "its still a bit numb now but only my back, not down below or anything",
        "its not sudden, its been on and off for weeks, only when i stand in the queue",
        "it comes and goes when I walk far",
    ],
)
def test_a_long_standing_pattern_after_a_suspicion_goes_to_a_specialist(text: str) -> None:
    assert follow_up(State.CHECK_URGENT, "inform", text) == Step(
        ("utter_emergency_cleared_longstanding",), None
    )


@pytest.mark.parametrize(
    "text",
    [
        "it's not an emergency, I just have questions",
        "what?? no emergency, nobody is hurt. can you answer my questions",
    ],
)
def test_not_an_emergency_answers_the_suspicion_check(text: str) -> None:
    step = follow_up(State.CHECK_URGENT, "inform", text)
    assert step == Step(("utter_emergency_check_cleared",), None)


@pytest.mark.parametrize(
    "text",
    [
        "should i drive him or call ambulance? can i give him aspirin",
        "i havent called anyone yet!",
        "should I call an ambulance?",
        "do we need to be calling 999?",
        "should we wait for the ambulance or drive him",
        "what do i do while i wait for the appointment",
    ],
)
def test_asking_about_an_ambulance_gets_the_urgent_advice_not_thanks(text: str) -> None:
    step = follow_up(State.URGENT, "inform", text)
    assert step.responses != ("utter_emergency_help_coming",)
    assert step.state is State.URGENT


@pytest.mark.parametrize(
    ("flags", "advice"),
    [
        ({"aortic"}, Advice.AMBULANCE),
        ({"cardiac", "fever"}, Advice.AMBULANCE),
        ({"trauma", "both_legs_weakness"}, Advice.AMBULANCE),
        ({"pregnancy"}, Advice.MATERNITY),
        ({"trauma"}, None),
        ({"bladder_bowel"}, None),
    ],
)
def test_some_red_flags_need_an_ambulance_or_the_maternity_unit(
    flags: set[str], advice: Advice | None
) -> None:
    assert advice_for(flags) is advice


def test_the_advice_replaces_the_urgent_replies_and_keeps_the_state() -> None:
    step = Step(("utter_emergency_passed_recently",), State.URGENT)
    assert with_advice(step, Advice.AMBULANCE) == Step(
        ("utter_emergency_ambulance_passed",), State.URGENT
    )
    assert with_advice(step, None) == step
    cleared = Step(("utter_emergency_cleared",), None)
    assert with_advice(cleared, Advice.AMBULANCE) == cleared


def test_a_painkiller_after_the_hearts_warning_still_gets_the_ambulance() -> None:
    text = "i think is only muscle, i take paracetamol and lie down?"
    step = follow_up(State.URGENT, "inform", text)
    assert step.responses == ("utter_emergency_masked",)
    assert with_advice(step, Advice.AMBULANCE).responses == ("utter_emergency_ambulance_masked",)


@pytest.mark.parametrize(
    "text",
    [
        "he says hes fine and wants to wait till morning",
        "she doesn't want a fuss",
        "can we wait for an appointment instead",
    ],
)
def test_putting_it_off_gets_the_advice_again(text: str) -> None:
    assert follow_up(State.URGENT, "inform", text) == Step(
        ("utter_emergency_reminder",), State.URGENT
    )


@pytest.mark.parametrize(
    "text",
    [
        "well yes it is happening now, but its just the one leg and it came on slowly",
        "yes, for months now",
    ],
)
def test_a_yes_about_gradual_or_one_sided_weakness_is_for_a_specialist(text: str) -> None:
    step = follow_up(State.CHECK_URGENT, "affirm", text)
    assert step == Step(("utter_emergency_cleared_longstanding",), None)


def test_a_plain_yes_to_the_check_is_still_an_emergency() -> None:
    assert follow_up(State.CHECK_URGENT, "affirm", "yes") == Step(
        ("utter_emergency",), State.URGENT
    )


def test_warning_signs_named_as_absent_are_checked_before_the_advice_stands_down() -> None:
    text = "to be clear: only ONE leg, no bladder or bowel problems, no numbness between the legs"
    step = follow_up(State.URGENT, "deny", text, denies_red_flags=True)
    assert step == Step(("utter_emergency_confirm_clear",), State.CLEARING_URGENT)
    # a red flag reported again, or a plain message, keeps the advice
    again = follow_up(State.URGENT, "report_emergency", text, denies_red_flags=True)
    assert again.state is State.URGENT
    assert follow_up(State.URGENT, "inform", "ok").state is State.URGENT


@pytest.mark.parametrize(
    "text",
    [
        "ok ive called them. they're coming",
        "help is on its way",
        "they've already left, they're halfway there",
        "we're nearly there now",
        "I have rung 111 and they are sending a doctor out to him now",
        "the out of hours GP is on his way",
    ],
)
def test_help_called_in_plain_words_is_help_coming(text: str) -> None:
    assert help_is_coming(text)


def test_a_warning_sign_read_about_and_nobody_has_is_checked_before_standing_down() -> None:
    text = "nobody has bladder problems. it was just something i read online. my back is sore"
    assert follow_up(State.URGENT, "inform", text) == Step(
        ("utter_emergency_confirm_clear",), State.CLEARING_URGENT
    )


def test_waiting_with_no_help_said_to_be_coming_is_not_help_on_its_way() -> None:
    text = "i'll take some paracetamol and lie down. what stretches should i do while i wait"
    assert not help_is_coming(text)
    assert follow_up(State.URGENT, "faq", text).state is State.URGENT


def test_whose_it_was_said_again_about_a_red_flag_told_as_theirs_keeps_the_advice() -> None:
    step = follow_up(State.URGENT, "inform", "its my dad not me", told_as_someone_elses=True)
    assert step == Step(("utter_emergency_reminder",), State.URGENT)
    # told as the patient's own, it may be a retraction, which is checked
    own = follow_up(State.URGENT, "inform", "its my dad not me")
    assert own.state is State.CLEARING_URGENT


def test_only_a_stiff_back_answers_a_suspicion_but_not_a_red_flag() -> None:
    text = "wat?? its just a stiff back lol"
    assert follow_up(State.CHECK_URGENT, "nlu_fallback", text).state is None
    assert follow_up(State.URGENT, "nlu_fallback", text).state is State.URGENT
    typed = "wat?? no its just a normal achy back lol. just want 2 book"
    assert follow_up(State.CHECK_URGENT, "nlu_fallback", typed).state is None


@pytest.mark.parametrize(
    "text", ["well they still feel a bit wobbly and weak tbh", "its still there", "it hasnt gone"]
)
def test_a_red_flag_still_there_while_clearing_gets_the_advice_again(text: str) -> None:
    assert follow_up(State.CLEARING_URGENT, "inform", text) == Step(
        ("utter_emergency_reminder",), State.URGENT
    )


def test_a_relative_operated_on_last_spring_clears_at_once() -> None:
    text = "no sorry that was last spring, an aortic thing, he had surgery and hes totally fine now"
    step = follow_up(State.URGENT, "inform", text, told_as_someone_elses=True)
    assert step == Step(("utter_emergency_cleared",), None)


@pytest.mark.parametrize(
    "text",
    [
        "he already went to a&e last month and hes fine now",
        "that was my sister, she's been seen and she's ok",
        "it was my dad, he's fine now",
        "sorry, I meant this happened to my brother last year, he is fine now",
    ],
)
def test_a_red_flag_told_as_ones_own_then_someone_elses_is_checked_once(text: str) -> None:
    # "I'm sitting down now", then "it was my brother last year": the story changed.
    step = follow_up(State.URGENT, "inform", text)
    assert step == Step(("utter_emergency_confirm_clear",), State.CLEARING_URGENT)
    assert follow_up(State.URGENT, "inform", text, told_as_someone_elses=True) == Step(
        ("utter_emergency_cleared",), None
    )


def test_someone_else_on_the_sofa_now_saying_he_is_fine_is_asked_whether_it_was_recent() -> None:
    # The question asks about the last few days too: this just happened to the dad.
    text = "actually it was my dad not me, he's on the sofa now and says hes fine"
    for told_as_someone_elses in (False, True):
        step = follow_up(State.URGENT, "inform", text, told_as_someone_elses=told_as_someone_elses)
        assert step == Step(("utter_emergency_confirm_clear",), State.CLEARING_URGENT)
    assert follow_up(State.CLEARING_URGENT, "deny", "No, someone has or just had them") == Step(
        ("utter_emergency_reminder",), State.URGENT
    )


def test_asked_to_call_an_ambulance_it_says_it_cannot() -> None:
    step = follow_up(State.URGENT, "inform", "can you call an ambulance for me? im at home alone")
    assert step == Step(("utter_emergency_cannot_call",), State.URGENT)
    assert follow_up(State.URGENT, "inform", "ive called an ambulance").responses != (
        "utter_emergency_cannot_call",
    )


@pytest.mark.parametrize(
    "text", ["it was not serious and I am fine", "its a tiny fall, i just scratched my elbow"]
)
def test_a_fall_said_to_be_small_is_checked_not_sent_to_a_doctor_today(text: str) -> None:
    step = follow_up(State.URGENT, "inform", text)
    assert step == Step(("utter_emergency_confirm_clear",), State.CLEARING_URGENT)


def test_only_the_pain_said_to_the_check_clears_it() -> None:
    step = follow_up(
        State.CHECK_URGENT, "inform", "emergency?? no i think not. only pain when bend"
    )
    assert step == Step(("utter_emergency_check_cleared",), None)


def test_a_yes_to_the_pain_that_says_it_is_ordinary_clears_the_suspicion() -> None:
    text = (
        "well yes it still hurts now? its not an emergency tho is it, just a pulled muscle i think"
    )
    assert follow_up(State.CHECK_URGENT, "affirm", text) == Step(
        ("utter_emergency_check_cleared",), None
    )
    assert follow_up(State.CHECK_URGENT, "affirm", "yes it is happening now").state is State.URGENT


@pytest.mark.parametrize(
    "text",
    [
        "the hospital already checked me on friday and said nothing broken, just bruising",
        "i got checked at A&E the same day, xrays fine, they said to follow up with physio",
        "I was seen at the hospital yesterday, the scans were all clear",
        "the doctor examined him this morning",
        "the out of hours doctor came, said it was a kidney infection, he is on antibiotics",
        "A doctor has already seen him and he is fine now.",
        "the GP has already been and seen her, her temperature is normal now",
    ],
)
def test_already_checked_by_a_hospital_or_doctor_stands_the_advice_down(text: str) -> None:
    step = follow_up(State.URGENT, "inform", text)
    assert step.state is None
    assert step.responses[0].startswith("utter_emergency_already_seen")


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("the hospital already checked me on friday", "utter_emergency_already_seen"),
        (
            "the out of hours doctor came, he is on antibiotics",
            "utter_emergency_already_seen_other",
        ),
    ],
)
def test_already_seen_is_said_of_whoever_was_seen(text: str, reply: str) -> None:
    assert follow_up(State.URGENT, "inform", text) == Step((reply,), None)


def test_checked_by_paramedics_with_a_booking_asked_for_offers_the_booking() -> None:
    text = (
        "update - paramedics checked my heart, ECG all normal, they think it was a muscle "
        "spasm and its gone now. they said to follow up about my back. can we finish that "
        "physio booking?"
    )
    step = follow_up(State.HELP_COMING, "request_appointment", text, asks_to_book=True)
    assert step == Step(("utter_emergency_already_seen_book",), None)


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        # on the way to be seen: help is coming, not "already checked"
        ("inform", "we're on our way to the hospital now"),
        # checked, and a red flag now: urgent again
        ("report_emergency", "they checked me yesterday but now I can't feel my legs"),
        ("inform", "will the hospital check me?"),
        ("inform", "should I ask a doctor to come out?"),
        ("inform", "the doctor came back and said to wait and see"),
    ],
)
def test_not_yet_seen_or_a_new_red_flag_keeps_the_advice(intent: str, text: str) -> None:
    assert follow_up(State.URGENT, intent, text).responses != ("utter_emergency_already_seen",)
    assert follow_up(State.CRISIS, "inform", "the doctor saw me last week").state is State.CRISIS


def test_someone_else_driving_is_help_on_its_way() -> None:
    text = "HE is driving not me. what do i say to them when i get there"
    assert help_is_coming(text)
    assert follow_up(State.URGENT, "inform", text).responses == ("utter_emergency_help_coming",)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # asked, not told: no help is on its way yet
        ("should we move him into the car or wait for an ambulance", "utter_emergency_call_now"),
        ("its my dad not me. should i try to get him in the car", "utter_emergency_call_now"),
        ("we havent called anyone yet. so ambulance?", "utter_emergency_call_now"),
        # told: help is on its way, or they are there
        ("ok i called, they're sending someone", "utter_emergency_help_coming"),
        (
            "they said an ambulance is coming. should i take some ibuprofen while i wait?",
            "utter_emergency_help_coming",
        ),
        ("ok im at the hospital now, waiting", "utter_emergency_help_coming"),
        ("i still have the fever but im at the hospital being seen", "utter_emergency_help_coming"),
    ],
)
def test_whether_help_is_on_its_way_is_read_from_what_is_told(text: str, said: str) -> None:
    assert follow_up(State.URGENT, "inform", text).responses[0] == said


def test_no_call_made_after_help_was_thought_coming_is_urgent_again() -> None:
    step = follow_up(State.HELP_COMING, "inform", "we havent called anyone yet. so ambulance?")
    assert step == Step(("utter_emergency_call_now",), State.URGENT)


def test_yes_to_the_check_with_a_question_about_driving_is_told_not_to_drive() -> None:
    text = "yes right now. should i drive to the hospital, its 10 min away"
    assert follow_up(State.CHECK_URGENT, "affirm", text) == Step(
        ("utter_emergency_dont_drive",), State.URGENT
    )


@pytest.mark.parametrize(
    "step",
    [
        Step(("utter_emergency_confirm_clear",), State.CLEARING_URGENT),
        Step(("utter_emergency_cleared",), None),
    ],
)
def test_warning_signs_in_pregnancy_are_not_stood_down(step: Step) -> None:
    assert with_advice(step, Advice.MATERNITY) == Step(
        ("utter_emergency_maternity_passed",), State.URGENT
    )
    assert with_advice(step, None) == step


def test_old_symptoms_not_new_answer_the_long_standing_check() -> None:
    text = "She has them, but they are old symptoms, not new. Nothing sudden."
    assert follow_up(State.CLEARING_LONGSTANDING, "inform", text) == Step(
        ("utter_emergency_cleared_longstanding",), None
    )


@pytest.mark.parametrize(
    ("texts", "recurs"),
    [
        (["chest pressure going to my back", "not now, just sometimes on the stairs"], True),
        (["chest pain into my back", "it comes and goes"], True),
        (["chest pain into my back when i climb stairs", "that was my dad last year"], False),
        (["chest pain into my back", "it stopped an hour ago"], False),
    ],
)
def test_a_symptom_that_keeps_coming_back(texts: list[str], recurs: bool) -> None:
    from clinic.triage.emergency_state import keeps_coming_back

    assert keeps_coming_back(texts) is recurs


def test_chest_pain_that_comes_and_goes_turns_the_ambulance_into_a_doctor_today() -> None:
    from clinic.triage.emergency_state import advice_after

    check = Step(("utter_emergency_confirm_clear",), State.CLEARING_URGENT)
    assert advice_after(check, Advice.AMBULANCE, recurring=True) is Advice.DOCTOR_TODAY
    assert advice_after(check, Advice.AMBULANCE, recurring=False) is Advice.AMBULANCE
    assert (
        advice_after(check, Advice.AMBULANCE, recurring=True, looked_after=True) is Advice.AMBULANCE
    )
    reminder = Step(("utter_emergency_reminder",), State.URGENT)
    assert advice_after(reminder, Advice.AMBULANCE, recurring=True) is Advice.AMBULANCE
    assert with_advice(check, Advice.DOCTOR_TODAY) == Step(
        ("utter_emergency_doctor_today",), State.URGENT
    )
    assert with_advice(reminder, Advice.DOCTOR_TODAY) == Step(
        ("utter_emergency_doctor_today_reminder",), State.URGENT
    )


@pytest.mark.parametrize(
    ("text", "arranges"),
    [
        ("ok i'll call my gp this afternoon", True),
        ("I'm going to ring 111 now", True),
        ("booked a GP appointment for 4pm", True),
        ("ok he'll ring 111 today, thank you. last thing, when should I see someone?", True),
        ("yes I know, he is ringing them", True),
        ("he is on the phone to 111 right now", True),
        ("she's calling her GP", True),
        ("he won't see a doctor", False),
        ("my gp is useless", False),
    ],
)
def test_arranging_to_see_a_doctor(text: str, arranges: bool) -> None:
    from clinic.triage.emergency_state import arranges_to_see_a_doctor

    assert arranges_to_see_a_doctor(text) is arranges


@pytest.mark.parametrize(
    ("text", "new"),
    [
        ("should she see one of your specialists then, after the fall?", False),
        ("my back still hurts after the fall", True),
        ("she fell again this morning", True),
        ("nothing has changed suddenly", False),
    ],
)
def test_something_new_told_about_a_red_flag_already_seen_to(text: str, new: bool) -> None:
    from clinic.triage.emergency_state import tells_something_new

    assert tells_something_new(text) is new


def test_i_dont_have_them_says_nobody_has_them_now() -> None:
    step = follow_up(State.CLEARING_URGENT, "deny", "i dont have them. shes being treated")
    assert step == Step(("utter_emergency_cleared",), None)
    still = follow_up(State.CLEARING_URGENT, "deny", "no, my husband still has them")
    assert still.state is State.URGENT


def test_someone_taken_to_hospital_is_looked_after() -> None:
    from clinic.triage.emergency_state import looked_after

    assert looked_after("my neighbour had back pain and a fever, they took her to hospital")
    assert not looked_after("my mum has a fever and back pain")


def test_someone_elses_red_flag_treated_months_ago_is_stood_down() -> None:
    text = (
        "no no this was back in august, he had an aneurysm repair and hes totally fine now."
        " i wanted to ask if he can come to you for his normal back ache now"
    )
    step = follow_up(State.URGENT, "deny", text, told_as_someone_elses=True)
    assert step == Step(("utter_emergency_cleared",), None)


@pytest.mark.parametrize("text", ["should i help him up and drive him in?", "can i sit her up?"])
def test_asking_whether_to_move_someone_gets_the_ambulance_and_its_call_handler(text: str) -> None:
    step = follow_up(State.URGENT, "ask_if_urgent", text)
    assert step == Step(("utter_emergency_call_now",), State.URGENT)


@pytest.mark.parametrize(
    "text",
    [
        "i am not in danger, i will not do anything, i am just very tired of the pain",
        "ok i will text shout",
    ],
)
def test_saying_one_is_safe_after_the_crisis_reply_is_checked_once(text: str) -> None:
    assert follow_up(State.CRISIS, "inform", text) == Step(
        ("utter_crisis_safe_check",), State.CLEARING_CRISIS
    )
    assert follow_up(State.CLEARING_CRISIS, "inform", "yes i am") == Step(
        ("utter_crisis_cleared",), None
    )


def test_refusing_to_call_keeps_the_crisis_reply() -> None:
    text = "i dont want to call anyone"
    assert follow_up(State.CRISIS, "inform", text) == Step(("utter_crisis_reminder",), State.CRISIS)


def test_yes_nobody_clears_the_urgent_check() -> None:
    assert follow_up(State.CLEARING_URGENT, "deny", "yes nobody") == Step(
        ("utter_emergency_cleared",), None
    )
    assert follow_up(State.CLEARING_URGENT, "deny", "No, someone has them now") == Step(
        ("utter_emergency_reminder",), State.URGENT
    )


def test_a_red_flag_dated_to_a_month_and_gone_since_is_checked() -> None:
    text = "oh no sorry that was like in september after a long bike ride, totally gone now"
    assert follow_up(State.URGENT, "inform", text) == Step(
        ("utter_emergency_confirm_clear",), State.CLEARING_URGENT
    )


def test_a_yes_to_the_check_that_denies_the_warning_signs_is_cleared() -> None:
    text = "yes its now but i can control my bladder fine, it just burns a bit. no fever"
    step = follow_up(State.CHECK_URGENT, "affirm", text, denies_red_flags=True)
    assert step == Step(("utter_emergency_check_cleared",), None)
    assert follow_up(State.CHECK_URGENT, "affirm", "yes") == Step(
        ("utter_emergency",), State.URGENT
    )


@pytest.mark.parametrize("state", [State.URGENT, State.CLEARING_URGENT])
def test_a_sign_eased_by_medicine_still_needs_urgent_care(state: State) -> None:
    text = "ive given her paracetamol and her temp is down to 37.5 now, so she's fine now right?"
    assert follow_up(state, "inform", text) == Step(("utter_emergency_masked",), State.URGENT)


def test_paramedics_who_came_and_found_him_fine_have_seen_to_it() -> None:
    assert already_seen("paramedics are here and checked him, they say hes fine now, no hospital")
    assert not already_seen("the paramedics are here checking him now")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She has had bladder accidents for years, the doctor knows", True),
        # The years are the back's; the red flag began minutes ago.
        (
            "Stiff lower back for years. About 40 minutes ago I got a crushing pain in my chest",
            False,
        ),
        ("half an hour ago my legs went weak, my back has been bad for years", False),
        ("ive had it about a year and my legs go weak walking. do i need a specialist", True),
    ],
)
def test_a_red_flag_told_as_longstanding(text: str, expected: bool) -> None:
    assert told_as_longstanding(text) is expected


@pytest.mark.parametrize(
    ("text", "coming"),
    [
        ("fine im getting a taxi to a&e now. what should i tell them?", True),
        ("my son is giving me a lift to hospital", True),
        ("should i get a taxi to a&e?", False),
    ],
)
def test_going_to_hospital_by_taxi_or_lift_is_help_on_its_way(text: str, coming: bool) -> None:
    assert help_is_coming(text) is coming


def test_a_yes_to_a_suspicion_told_over_months_is_for_a_specialist() -> None:
    assert told_for_weeks("pain back 2 month. strong. leg is sleeping sometime")
    assert not told_for_weeks("back pain for years and since this morning i cant feel my legs")
    yes = "yes now i have pain. emergency??"
    assert follow_up(State.CHECK_URGENT, "affirm", yes, suspected_for_weeks=True) == Step(
        ("utter_emergency_cleared_longstanding",), None
    )
    # something new said with the yes is still urgent
    new = follow_up(
        State.CHECK_URGENT, "affirm", "yes since this morning", suspected_for_weeks=True
    )
    assert new.state is State.URGENT


def test_someone_else_unwell_now_keeps_the_urgent_advice() -> None:
    text = "sorry should have said, its my dad not me. hes 74, sitting on sofa grey and sweaty"
    assert follow_up(State.URGENT, "inform", text) == Step(
        ("utter_emergency_reminder",), State.URGENT
    )
    asked = follow_up(State.CLEARING_URGENT, "inform", "he has it now!! what do i do")
    assert asked == Step(("utter_emergency_reminder",), State.URGENT)


@pytest.mark.parametrize(
    ("text", "goes_on"),
    [
        ("8 when bending, 4 when rest", True),
        ("few days, since i slept funny", True),
        ("yes 8/10", False),
        ("since yesterday i cant feel my legs", False),
        ("is it serious?", False),
    ],
)
def test_the_pains_story_told_instead_of_an_answer_to_the_check(text: str, goes_on: bool) -> None:
    expected = (
        Step(("utter_emergency_check_cleared",), None)
        if goes_on
        else follow_up(State.CHECK_URGENT, "inform", text)
    )
    assert follow_up(State.CHECK_URGENT, "inform", text) == expected
    assert (follow_up(State.CHECK_URGENT, "inform", text).state is None) is goes_on


def test_asking_whether_to_give_a_medicine_is_no_sign_eased_by_one() -> None:
    from clinic.triage.emergency_state import eased_by_medicine

    assert not eased_by_medicine("should i give him paracetamol and lie him down first?")
    assert eased_by_medicine("i gave her paracetamol and her temp is down")


def test_someone_elses_emergency_once_help_came_is_checked_not_sent_to_999_again() -> None:
    text = "no, I'm fine, it was my dad not me. I just want to move my own appointment"
    step = follow_up(State.HELP_COMING, "inform", text, told_as_someone_elses=True)
    assert step == Step(("utter_emergency_confirm_clear",), State.CLEARING_URGENT)
    answer = (
        "well my dad had them an hour ago but he's in hospital being treated now. "
        "nobody here has them"
    )
    assert follow_up(State.CLEARING_URGENT, "inform", answer) == Step(
        ("utter_emergency_cleared",), None
    )


def test_a_red_flag_told_only_of_someone_else_is_theirs_though_the_writer_asks() -> None:
    from clinic.triage.emergency_state import red_flags_told_of_someone_else

    assert red_flags_told_of_someone_else(
        "My husband can't feel his legs since the fall. I need to move his appointment."
    )
    assert not red_flags_told_of_someone_else(
        "My husband is in hospital. I can't feel my legs since the fall."
    )
    assert not red_flags_told_of_someone_else("I need to cancel my appointment")


def test_help_on_its_way_beside_another_sign_denied_is_not_a_stand_down() -> None:
    text = (
        "He can walk to the car fine, he didn't fall. so we will drive him to A&E now. Is that ok?"
    )
    step = follow_up(State.URGENT, "inform", text, denies_red_flags=True)
    assert step == Step(("utter_emergency_help_coming",), State.HELP_COMING)


def test_leaving_for_a_and_e_answers_the_stand_down_question() -> None:
    step = follow_up(State.CLEARING_URGENT, "inform", "ok we are leaving for A&E now. thank you")
    assert step == Step(("utter_emergency_help_coming",), State.HELP_COMING)


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("I'm safe, I won't do anything", True),
        ("I dunno. I wouldn't do anything. can I just book a specialist", False),
        ("maybe, I'm not going to do anything I guess", False),
    ],
)
def test_a_hedged_promise_is_not_yet_safe(text: str, safe: bool) -> None:
    from clinic.triage.emergency_state import says_safe_now

    assert says_safe_now(text) is safe


def test_a_recent_red_flag_beside_years_of_back_pain_is_not_long_standing() -> None:
    from clinic.triage.emergency_state import told_as_longstanding

    text = (
        "I've had lower back pain on and off for years. This week it's different, I've had a "
        "temperature of 38.9 since Tuesday and I'm shivery. What days do you have next week?"
    )
    assert not told_as_longstanding(text)
    assert told_as_longstanding("she has had bladder accidents for years, the doctor knows")


@pytest.mark.parametrize(
    ("text", "coming"),
    [
        ("ok ok. will go. can you at least book me something for after?", True),
        ("fine, will go now", True),
        ("it will go away on its own, won't it?", False),
        ("the pain will go, right?", False),
    ],
)
def test_agreeing_to_go_without_the_i_is_help_on_its_way(text: str, coming: bool) -> None:
    from clinic.triage.emergency_state import help_is_coming

    assert help_is_coming(text) is coming


def test_being_on_the_way_answers_the_emergency_question_with_what_to_do_on_the_way() -> None:
    text = "they've already left, they're halfway there. he's sitting up in the car"
    assert follow_up(State.CHECK_URGENT, "inform", text) == Step(
        ("utter_emergency_help_coming",), State.HELP_COMING
    )
    # a no is still a no
    assert (
        follow_up(State.CHECK_URGENT, "deny", "no, we're nearly there, it was last year").state
        is None
    )


@pytest.mark.parametrize(
    "text", ["why though? which bit is the emergency?", "why is it urgent", "why?"]
)
def test_asking_why_it_is_urgent_names_the_signs_then_gives_the_advice_again(text: str) -> None:
    assert follow_up(State.URGENT, "ask_if_urgent", text) == Step(
        ("utter_emergency_why", "utter_emergency_reminder"), State.URGENT
    )


def test_asking_why_is_not_read_as_why_in_a_crisis() -> None:
    assert follow_up(State.CRISIS, "inform", "why?").responses == ("utter_crisis_reminder",)


@pytest.mark.parametrize(
    "text",
    [
        "it was about someone else",
        "oh wait, sorry - the 38.6 was my son's temperature this morning, he's got a cold. "
        "I don't have a fever at all.",
        "The fever is my son's, not mine. I have no temperature. It's just my back.",
    ],
)
def test_a_red_flag_said_to_be_someone_elses_is_checked_before_standing_down(text: str) -> None:
    assert follow_up(State.URGENT, "inform", text) == Step(
        ("utter_emergency_confirm_clear",), State.CLEARING_URGENT
    )


def test_someone_calling_the_ambulance_is_help_coming() -> None:
    from clinic.triage.emergency_state import help_is_coming

    assert help_is_coming("ok ok, my wife is calling the ambulance now")


@pytest.mark.parametrize(
    ("state", "text"),
    [
        (State.HELP_COMING, "no the ambulance is for my DAD. im asking about MY back"),
        (
            State.URGENT,
            "ambulance on its way. sorry, so for my own back, do i need to see a specialist?",
        ),
    ],
)
def test_help_coming_for_someone_else_lets_the_writer_ask_about_their_own_back(
    state: State, text: str
) -> None:
    step = follow_up(state, "inform", text, told_as_someone_elses=True)
    assert step == Step(("utter_emergency_own_back",), None)


def test_ones_own_back_is_not_talked_of_before_help_is_coming() -> None:
    # The dad still has the signs and no one has been called: the advice stands.
    step = follow_up(
        State.URGENT, "inform", "im asking about my own back", told_as_someone_elses=True
    )
    assert step.responses != ("utter_emergency_own_back",)
    # Nor when the red flag was told as the writer's own.
    mine = follow_up(State.HELP_COMING, "inform", "so for my own back, what now?")
    assert mine.responses != ("utter_emergency_own_back",)


@pytest.mark.parametrize(
    "text",
    [
        "what about me, I just have mild stiffness, what stretches?",
        "and me? mine is just a stiff back",
    ],
)
def test_the_writers_own_back_after_anothers_red_flag_keeps_the_urgent_advice_for_them(
    text: str,
) -> None:
    step = follow_up(State.URGENT, "faq", text, told_as_someone_elses=True)
    assert step == Step((THEIR_CARE_NOW,), State.URGENT)
    # Told as the writer's own, it is no one else's to see to.
    assert follow_up(State.URGENT, "faq", text).responses != (THEIR_CARE_NOW,)


def test_a_red_flag_put_right_as_someone_elses_in_hospital_lets_the_writer_ask() -> None:
    text = (
        "sorry, it was my grandma not me, she's already at the hospital. "
        "I just wanted to know about stretches for my own stiff back"
    )
    assert follow_up(State.URGENT, "faq", text) == Step(("utter_emergency_own_back",), None)
    # Put right as someone else's, but no one is looking after them yet: checked first.
    unseen = "sorry, it was my grandma not me. what stretches for my own stiff back?"
    assert follow_up(State.URGENT, "faq", unseen).responses != ("utter_emergency_own_back",)


@pytest.mark.parametrize(
    "text",
    [
        "whoa no im fine! that was a hypothetical, i dont have any of that",
        "you misunderstood. I have never had any bladder problems. It was a question",
        "I was just asking, I just want to know what to look out for",
    ],
)
def test_signs_only_asked_about_are_stood_down_with_the_signs(text: str) -> None:
    for state in (State.URGENT, State.CLEARING_URGENT):
        assert follow_up(state, "inform", text) == Step(
            ("utter_emergency_only_asked", "utter_warning_signs"), None
        )
    # Someone has it now after all: the urgent advice stands.
    now = "it was a question, but actually I can't feel my legs right now"
    assert follow_up(State.URGENT, "inform", now).state is State.URGENT
    # Told of someone else: the writer asking about their own back stands nothing down.
    own = "anyway for me, i just want to know what to look out for with a stiff back"
    step = follow_up(State.URGENT, "faq", own, told_as_someone_elses=True)
    assert step.state is State.URGENT


def test_a_word_asked_about_and_not_had_is_a_retraction_to_confirm() -> None:
    text = "no no!! i dont have this problem, i only ask what mean the word bowel"
    assert follow_up(State.URGENT, "deny", text) == Step(
        ("utter_emergency_confirm_clear",), State.CLEARING_URGENT
    )


@pytest.mark.parametrize(
    ("text", "new"),
    [
        ("I ask again, the fever she had last week, I must tell the doctor?", False),
        ("the fever is back again", True),
        ("I asked again, it came back again", True),
    ],
)
def test_a_question_asked_again_is_no_sign_come_again(text: str, new: bool) -> None:
    from clinic.triage.emergency_state import tells_something_new

    assert tells_something_new(text) is new


@pytest.mark.parametrize(
    ("text", "low"),
    [
        ("its really getting me down", True),
        ("honestly most days i just feel hopeless about it", True),
        ("I feel so low about it all", True),
        ("I can't cope with this pain", True),
        ("bending down to pick things up hurts", False),
        ("it gets me down the stairs ok", False),
    ],
)
def test_low_mood_is_told(text: str, low: bool) -> None:
    from clinic.triage.emergency_state import tells_of_low_mood

    assert tells_of_low_mood(text) is low


def test_back_from_ae_scanned_with_a_booking_asked_for_offers_the_booking() -> None:
    text = (
        "hi again. back from A&E, they did a scan and said no emergency, numbness has gone "
        "now. they said follow up with a back specialist, can i book that wednesday morning now?"
    )
    step = follow_up(State.HELP_COMING, "request_appointment", text, asks_to_book=True)
    assert step == Step(("utter_emergency_already_seen_book",), None)
    assert not already_seen("we are going to A&E now")


@pytest.mark.parametrize(
    ("text", "denies", "cleared"),
    [
        ("no fever now, im fine, just the ache", True, True),
        ("no, I'm fine now", False, True),
        ("no", False, False),
        ("no, im not fine, still numb", False, False),
    ],
)
def test_a_no_that_denies_the_sign_answers_is_everyone_free_of_it(
    text: str, denies: bool, cleared: bool
) -> None:
    step = follow_up(State.CLEARING_URGENT, "deny", text, denies_red_flags=denies)
    if cleared:
        assert step == Step(("utter_emergency_cleared",), None)
    else:
        assert step.state is State.URGENT


def test_wondering_whether_to_get_seen_asks_to_book_and_takes_nothing_back() -> None:
    text = "was just wondering if i could get seen at yours tomorrow"
    assert not is_retraction(text)
    assert is_retraction("sorry, i was just wondering")
    step = follow_up(State.URGENT, "request_appointment", text, asks_to_book=True)
    assert step == Step(("utter_emergency_reminder",), State.URGENT)


@pytest.mark.parametrize("only_leg_weakness", [True, False])
def test_weakness_told_as_one_leg_and_slow_is_asked_whether_it_is_new(
    only_leg_weakness: bool,
) -> None:
    text = "Really? It's only the one leg and it's come on slowly over weeks, not suddenly."
    step = follow_up(State.URGENT, "deny", text, only_leg_weakness=only_leg_weakness)
    if only_leg_weakness:
        assert step == Step(("utter_emergency_confirm_longstanding",), State.CLEARING_LONGSTANDING)
    else:
        # lost bladder control that came on slowly is still urgent
        assert step.state is State.URGENT


def test_signs_told_as_over_long_ago_are_stood_down_not_called_long_standing() -> None:
    text = (
        "oh sorry, no - that was two years ago before my back operation. bladder's been "
        "totally normal since and I can feel my legs fine. it's just the leg pain now"
    )
    step = follow_up(State.CLEARING_LONGSTANDING, "deny", text)
    assert step == Step(("utter_emergency_cleared",), None)
    # still there: not stood down
    still = follow_up(State.CLEARING_LONGSTANDING, "deny", "years ago, but my legs are still numb")
    assert still.responses != ("utter_emergency_cleared",)

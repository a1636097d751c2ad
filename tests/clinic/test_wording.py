import pytest

from clinic.wording import (
    about_someone_else,
    asks_about_clinicians,
    asks_about_emergency_signs,
    asks_about_the_service,
    asks_about_the_wait,
    asks_for_contact_details,
    asks_if_it_counts,
    asks_in_some_sentence,
    asks_to_book,
    asks_what_it_means,
    current_story,
    declines_then_asks,
    is_question,
    only_asks_what_to_do,
    own_current_story,
    speaks_of_self,
)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("can i work", True),
        ("does sciatica cause numbness", True),
        ("my leg is numb?", True),
        ("I get tingling down my leg", False),
        ("back pain", False),
        # a question put as a statement
        ("Hi, I'd like to know if physio would help with my sciatica", True),
        ("i was wondering whether stretching is ok", True),
        ("I'd like to book an appointment", False),
        ("it was flu and it's long gone. Now I just want some exercise tips", True),
    ],
)
def test_is_question(text: str, question: bool) -> None:
    assert is_question(text) is question


@pytest.mark.parametrize(
    ("text", "self_"),
    [("my back hurts", True), ("I'm sore", True), ("im sore", True), ("the back", False)],
)
def test_speaks_of_self(text: str, self_: bool) -> None:
    assert speaks_of_self(text) is self_


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "my mum had cauda equina a few years ago, im 35 with a sore back from gardening",
            "im 35 with a sore back from gardening",
        ),
        (
            "two years ago i had saddle numbness, it fully went away. now my back aches",
            "now my back aches",
        ),
        ("my back has hurt for 3 weeks", "my back has hurt for 3 weeks"),
        (
            "I was in a car accident in 2009 and broke some ribs, all healed fine. lately my "
            "lower back aches after long drives",
            "lately my lower back aches after long drives",
        ),
        ("I have had back pain since 2019", "I have had back pain since 2019"),
        (
            "I've had sciatica since march but it's worse this week",
            "I've had sciatica since march but it's worse this week",
        ),
    ],
)
def test_the_writers_own_pain_now_is_told_from_other_stories(text: str, kept: str) -> None:
    assert own_current_story(text) == kept


def test_opens_as_question_reads_the_first_word_only() -> None:
    from clinic.wording import opens_as_question

    assert opens_as_question("is it normal to bleed")
    assert opens_as_question("  Where is the clinic")
    assert not opens_as_question("there is some bleeding, is that normal?")
    assert not opens_as_question("this is bad")


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("pls call me back i cant type much", True),
        ("Please somebody call me", True),
        ("can i have a callback", True),
        ("give me a call tomorrow", True),
        ("ugh i'll just ring you", False),
        ("call me if anything changes", False),
        ("what number do i call", False),
        ("ill try and convince him. can someone just ring him instead?", True),
        ("could a doctor phone my husband", True),
        ("can i call him later", False),
    ],
)
def test_asks_to_be_called(text: str, asks: bool) -> None:
    from clinic.wording import asks_to_be_called

    assert asks_to_be_called(text) is asks


@pytest.mark.parametrize(
    ("text", "theirs"),
    [
        ("my husband has had back pain for a week", True),
        ("she says it's a 3 out of 10", True),
        ("i'm asking for my mum, her back is bad", True),
        ("it's on behalf of my father", True),
        ("not for me, for my son", True),
        ("my husband has back pain but won't go to the doctor. can i check for him", True),
        ("my back hurts and my wife says i should see someone", False),
        ("i've had back pain for a month", False),
        ("back pain for 3 weeks", False),
        ("my sister says my back pain is because my hips are stiff. is that a thing?", False),
        ("my mum has bad back pain, what can she do", True),
    ],
)
def test_whose_pain_a_message_tells_of(text: str, theirs: bool) -> None:
    assert about_someone_else(text) is theirs


def test_a_relatives_story_is_kept_when_the_pain_is_theirs() -> None:
    text = "my dad has had sciatica for 3 weeks. two years ago he had a disc op, it fully went away"
    assert current_story(text, someone_else=True) == "my dad has had sciatica for 3 weeks."
    assert current_story(text) == ""


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("I had chest pain going into my back last year", ""),
        ("I've had back pain since last year", "I've had back pain since last year"),
        (
            "my back was bad last month and now it is again for 2 weeks",
            "and now it is again for 2 weeks",
        ),
    ],
)
def test_an_episode_told_in_the_past_is_not_the_pain_now(text: str, kept: str) -> None:
    assert own_current_story(text) == kept


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("not sure what you mean by tingling", True),
        ("what do you mean by numbness?", True),
        ("i dont know what that means", True),
        ("tingling in my foot", False),
        ("no numbness", False),
        ("not sure, maybe a bit of tingling", False),
    ],
)
def test_a_question_about_the_words_is_not_an_answer(text: str, asks: bool) -> None:
    assert asks_what_it_means(text) is asks


@pytest.mark.parametrize(
    "text",
    [
        "can I see a female doctor please",
        "I'd prefer a woman",
        "who are your doctors?",
        "do you have a male physio",
        "which doctors work there",
        "who will I be seeing",
        "can I pick which doctor I see",
        "You did not answer. Which doctor is right for sciatica?",
        "which one is best for him",
        "What is sports doctor?",
        "You have consultant?",
        "who else is there?",
    ],
)
def test_questions_about_who_the_clinicians_are(text: str) -> None:
    assert asks_about_clinicians(text)


@pytest.mark.parametrize(
    "text",
    [
        "my doctor said I have sciatica",
        "can I see the physio on Tuesday",
        "what's the sports doctor for",
        "who can I ask then",
        "I want to see a doctor",
        "is sciatica a specialist problem",
        "should i see a doctor first",
        "Naproxen or paracetamol - which one is better for arthritis in the back?",
    ],
)
def test_other_mentions_of_clinicians_are_not_questions_about_them(text: str) -> None:
    assert not asks_about_clinicians(text)


@pytest.mark.parametrize(
    "text",
    [
        "wait whos dr okafor",
        "is rhian a doctor or",
        "is a sports doctor the right person for sciatica?",
        "sports doctor or consultant?",
        "is she a surgeon or not",
        "do you have physiotherapists at the clinic?",
        "whats a sports doctor, is that different from the consultant?",
        "what's a sports doctor?",
        "what is a rheumatologist",
    ],
)
def test_questions_about_one_clinician_or_kind(text: str) -> None:
    assert asks_about_clinicians(text)


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("what are the signs that back pain is an actual emergency?", True),
        ("about 10 days. but seriously what are the emergency signs", True),
        ("if i got one of those warning signs, where do i go?", True),
        ("when should I go to hospital with it?", True),
        ("so if the numbness came back would that be an emergency?", True),
        ("if it came back one day, is that an A&E thing?", True),
        ("does a little leak count as a red flag yes or no", True),
        ("not now ta. so no a&e then?", True),
        ("thats not what i asked. do i need a&e yes or no", True),
        ("what are the other warning signs i should know about?", True),
        ("i went to a&e last week and they said it's a disc", False),
        ("do i need an appointment?", False),
        ("does swimming count as exercise", False),
        ("I have urgent symptoms", False),
        ("which symptoms should I tell my doctor about?", False),
        ("when should I see a specialist?", False),
    ],
)
def test_questions_about_what_counts_as_an_emergency(text: str, asks: bool) -> None:
    assert asks_about_emergency_signs(text) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("no its ok. can i still go to work?", True),
        ("no thanks", False),
        ("No", False),
        ("not now. maybe later", False),
        # the no explained in its own sentence, then the question
        (
            "no I meant for my dad, not me. anyway - when I sneeze I get a sharp stab in my "
            "lower back for a second, is that something to worry about?",
            True,
        ),
        ("No one told me anything. What is sciatica?", False),
        ("not now. which stretches", True),
        ("no thanks. bye now", False),
    ],
)
def test_a_no_then_a_question(text: str, asks: bool) -> None:
    assert declines_then_asks(text) is asks


@pytest.mark.parametrize(
    "text",
    [
        "hmm actually stop, i need to check first",
        "wait stop",
        "no stop",
        "nothing earlier than 11? ok whatever stop, ill call",
        "the 10th at 5 with the physio. actually no, stop, i'll call instead",
        "actually never mind, can I just ask if stretching helps?",
        "nvm. quick question, is walking ok?",
        "they?? its me. ugh stop. random q, what running shoes do you recommend lol",
    ],
)
def test_a_stop_after_a_filler_word(text: str) -> None:
    from clinic.wording import asks_to_stop

    assert asks_to_stop(text)


def test_stopping_the_pain_is_no_stop() -> None:
    from clinic.wording import asks_to_stop

    assert not asks_to_stop("how do i make it stop, the pain?")
    assert not asks_to_stop("never mind, tuesday is fine")


def test_asking_about_an_imagined_sign_asks_if_it_counts() -> None:
    from clinic.wording import asks_if_it_counts

    assert asks_if_it_counts("and if i had a temperature with it?")
    assert asks_if_it_counts("if someone's back pain came with a fever would that be serious?")
    assert not asks_if_it_counts("my back pain came with a fever last night")
    # a sign told of someone else, or long past: could it come with the patient's own?
    assert asks_if_it_counts(
        "he lost control of his bladder last year. can that happen with sciatica?"
    )
    assert asks_if_it_counts("could it happen to me?")
    assert asks_if_it_counts(
        "Hypothetically, what would happen if someone with sciatica lost control of their bladder?"
    )
    assert not asks_if_it_counts("it happened to me last week")
    assert asks_if_it_counts("can a slipped disc ever affect your bladder?")
    assert asks_if_it_counts(
        "what do you do if someone cant feel their legs after falling down the stairs"
    )
    assert not asks_if_it_counts("what do you do at the first appointment?")


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("how much is it", True),
        ("is there a fee if i cancel less than 24 hours before?", True),
        ("how much should i rest?", False),
        ("how much ibuprofen can i take?", False),
    ],
)
def test_a_question_about_cost(text: str, asks: bool) -> None:
    from clinic.wording import asks_about_cost

    assert asks_about_cost(text) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("is there parking near you?", True),
        ("do you have wheelchair access", True),
        ("is there a lift?", True),
        ("doctor who speak spanish?", True),
        ("spanish speaking doctor? is possible?", True),
        ("can i lift weights?", False),
        ("pls check my booking and also is there parking", True),
        ("cancel JPC-Q4W8E2. btw do you have wheelchair access", True),
        ("I parked badly and my back hurts", False),
        # who comes with them: a question for the team
        ("I'm booked in on Thursday. My husband will be bringing me, is that alright?", True),
        ("can my daughter come in with me?", True),
        ("my husband has back pain too, is that common?", False),
        # a wheelchair user's access, not a fear of ending up in one
        ("do you have wheelchair access?", True),
        ("I'm in a wheelchair, can I get in?", True),
        ("DOES THAT MEAN IT WILL KEEP GETTING WORSE AND I WILL END UP IN A WHEELCHAIR", False),
        ("will I be in a wheelchair one day?", False),
        ("is it going to get worse and put me in a wheelchair?", False),
        # what to bring and how long the visit takes
        ("Should I bring my X-rays? And how long will the appointment last?", True),
        ("how long does sciatica last?", False),
        ("I brought my results last time and it still hurts", False),
        # records sent on: the team's
        ("how do I get my MRI results sent to my GP?", True),
        ("can you send a copy of the letter to my physio?", True),
        ("my GP sent me for an MRI, what will it show?", False),
        ("should they send me for an x-ray?", False),
    ],
)
def test_a_question_about_getting_to_the_clinic(text: str, asks: bool) -> None:
    from clinic.wording import asks_about_the_visit

    assert asks_about_the_visit(text) is asks


def test_a_hypothetical_sign_and_going_to_hospital_ask_about_the_warning_signs() -> None:
    from clinic.wording import asks_about_emergency_signs, asks_if_it_counts

    assert asks_if_it_counts("what if someone has a fever and back pain, hypothetically")
    assert asks_about_emergency_signs("so they dont need to go to hospital?")


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("what are the signs then", True),
        ("i dont want to book. what are the emergency warning signs for back pain", True),
        ("what are the signs of sciatica", False),
        ("What signs mean I should stop waiting and get help straight away?", True),
        ("what signs mean I should see a physio", False),
    ],
)
def test_asking_for_the_emergency_signs(text: str, asks: bool) -> None:
    from clinic.wording import asks_about_emergency_signs

    assert asks_about_emergency_signs(text) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("what are your opening hours", True),
        ("thanks. open thursday evenings? and can my mum do yoga", True),
        ("r u open on saturdays", True),
        ("2) are you open on thursday evenings 3) my mum has stenosis", True),
        ("my back opened up a bit after stretching on monday", False),
        ("i can come thursday evening", False),
        ("can he just ring you to book instead?", True),
        ("whats the phone number", True),
        ("the phone number is 07700 900123", False),
        ("can you call me back", False),
        ("forget booking for now, whats the clinic phone number", True),
        ("what is the clinic's phone number?", True),
        ("I lost my phone number", False),
        ("great. the clinic is open till 7 on thursdays right?", True),
    ],
)
def test_asking_for_the_clinics_hours_or_contact(text: str, asks: bool) -> None:
    from clinic.wording import asks_for_contact_details

    assert asks_for_contact_details(text) is asks


@pytest.mark.parametrize(
    ("text", "worries"),
    [
        ("Is it my heart?? What's causing the tingling?", True),
        ("could this be a heart problem?", True),
        ("my heart sank when I saw the MRI", False),
    ],
)
def test_a_worry_about_the_heart(text: str, worries: bool) -> None:
    from clinic.wording import worries_about_the_heart

    assert worries_about_the_heart(text) is worries


@pytest.mark.parametrize(
    "text",
    ["and whats the number", "so is it serious", "ok, how's that work", "also where's the clinic"],
)
def test_a_question_word_after_a_small_lead_in_is_a_question(text: str) -> None:
    assert is_question(text)


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("id like to book for my father please, he's 84. is there step-free access?", True),
        ("can i make an appointment for next week", True),
        ("ok book me in, wednesday afternoon", True),
        ("is there step-free access?", False),
        ("my booking is on friday, is there parking?", False),
        ("hi want to book something for my lower back", True),
        ("need a consult. tues morning?", True),
        ("i don't want to book, what can i do", False),
        ("do I need a consultation?", False),
        ("can she see someone at yours? she's 84", True),
        ("can i get seen at your clinic this week", True),
        ("I saw someone there last year", False),
        ("no fever, toilet is normal, i not fall. i want see doctor, friday is good for me", True),
        ("do I need to see a doctor?", False),
        ("i don't want to see a doctor yet", False),
        ("right ok yeah lets book it then", True),
        ("I booked it then", False),
    ],
)
def test_asking_to_book_in_so_many_words(text: str, asks: bool) -> None:
    assert asks_to_book(text) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("back pain 2 wks, about a 4. is it ok to take ibuprofen for it", True),
        ("Thank you dear. Would exercise help at my age", True),
        ("Thank you dear, I will talk to my son about booking", False),
    ],
)
def test_a_question_in_a_later_sentence(text: str, asks: bool) -> None:
    assert asks_in_some_sentence(text) is asks


@pytest.mark.parametrize(
    ("text", "only"),
    [
        ("Back pain 3 days, about 2/10, no numbness. what should i do", True),
        ("my bak is killin me lol since like 3 days, wat can i do", True),
        ("stiff every morning. wat can i do at home 2 loosen up", False),
        ("back pain 2 weeks. what should i do? can i take ibuprofen?", False),
        # what the check-in's result answers
        ("lower back sore, maybe a 3 out of 10, no tingling. should i be worried??", True),
        ("pain in back 2 month now, very strong, 8. what i must do?", True),
        ("its been 6 weeks. do i need to see a doctor?", True),
        ("back pain 2 weeks, should i see a physio or a chiropractor?", False),
        # a symptom told with doubt is told, not asked
        ("aching 5 weeks. also sometimes my left foot tingles?? should i see someone", True),
        ("back pain 2 weeks. my leg tingles normal? should i see someone", False),
        ("my foot tingles, is that normal? what should i do", False),
        ("pain since three week, very strong. please what I do", True),
        ("twinge for ten days. Pain 2/10, no numbness, no fever. Anything I should do?", True),
        ("anything I should do about stretching or ibuprofen?", False),
        ("back very bad since Christmas, 8/10. tablets don't help. What can you do for me?", True),
    ],
)
def test_only_asking_what_to_do(text: str, only: bool) -> None:
    assert only_asks_what_to_do(text) is only


def test_asking_about_my_own_back_is_not_for_someone_else() -> None:
    assert not about_someone_else("im not asking about cancer info, im asking about MY back")
    assert about_someone_else("im asking for my mum, her back hurts")
    # the writer's aside is nobody's pain
    assert about_someone_else(
        "fair. actually while im here my husband has had sciatica for ages, what causes it"
    )
    assert not about_someone_else("while im here, my back and my husband's both hurt")
    assert about_someone_else(
        "ok sorry i write english. is for my grandmother, she is 84. her back hurts one month"
    )


@pytest.mark.parametrize(
    "text", ["do u do evening appointments? i work 9-5", "do you have any weekend slots"]
)
def test_asking_for_evening_or_weekend_times_is_answered_by_the_hours(text: str) -> None:
    assert asks_for_contact_details(text)


@pytest.mark.parametrize(
    ("text", "asks"),
    [("How long is the waiting list to see a specialist?", True), ("can i wait in the car", False)],
)
def test_asking_about_the_wait(text: str, asks: bool) -> None:
    assert asks_about_the_wait(text) is asks


def test_the_wait_is_one_of_the_clinics_arrangements() -> None:
    assert asks_about_the_service("How long is the waiting list to see a specialist?")


def test_the_days_the_clinic_opens_are_its_arrangements() -> None:
    assert asks_about_the_service("do u do weekends")
    assert asks_about_the_service("are you open saturdays?")
    assert not asks_about_the_service("what exercises do i do in the evenings")


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("he said chest pain going into the back can be something serious? is that true?", True),
        ("my back can be really stiff in the mornings", False),
    ],
)
def test_asking_whether_a_sign_heard_of_is_serious(text: str, asks: bool) -> None:
    assert asks_if_it_counts(text) is asks


def test_when_the_pain_began_said_with_since_and_ago_is_the_story_now() -> None:
    from clinic.wording import current_story

    text = "my back's been killing me since I moved house about 2 months ago"
    assert current_story(text) == text
    assert current_story("I had surgery 5 years ago. now my back aches") == "now my back aches"


@pytest.mark.parametrize(
    ("text", "leaving"),
    [
        ("ok forget it. bye", True),
        ("No, that is all. Goodbye.", True),
        ("thanks, take care", True),
        # "cheers" and "that's all" also close a choice
        ("the 4pm tue, cheers", False),
        ("that's all I wanted to know about sciatica, what about exercise?", False),
    ],
)
def test_a_goodbye_in_so_many_words(text: str, leaving: bool) -> None:
    from clinic.wording import says_goodbye

    assert says_goodbye(text) is leaving


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("how much is a consultation?", True),
        ("you didnt say the price", True),
        ("you never told me what the fee is", True),
        ("I paid for parking", False),
    ],
)
def test_asking_what_it_costs(text: str, asks: bool) -> None:
    from clinic.wording import asks_about_cost

    assert asks_about_cost(text) is asks


@pytest.mark.parametrize(
    ("text", "no_pain"),
    [
        ("i don't have any pain", True),
        ("like I said there's no pain, just the stiffness. That's been about two months", False),
        ("theres no pain lol, its just a click", True),
        ("My back makes a clunk noise. Doesn't hurt at all. Should I get it looked at?", True),
        ("it doesn't hurt when I sit but it does when I stand", False),
        ("I don't actually have any back pain myself yet, could I come in for prevention?", True),
    ],
)
def test_no_pain_with_stiffness_or_a_click_is_still_something_to_check(
    text: str, no_pain: bool
) -> None:
    from clinic.wording import says_no_pain

    assert says_no_pain(text) is no_pain


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("so should i book or not", True),
        ("ok so do i need one or not", True),
        ("do i actually need to?", True),
        ("do i need a specialist?", False),
        ("can I book for Tuesday?", False),
        ("so back to my question, will it settle on its own or should I book in?", True),
        ("Is it worth seeing someone early or just wait and see?", True),
        ("is it worth getting a consultation for back pain or should i just wait it out", True),
    ],
)
def test_advice_on_whether_to_book(text: str, asks: bool) -> None:
    from clinic.wording import asks_whether_to_book

    assert asks_whether_to_book(text) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("I'll see the GP first on Friday. So can you sum up what I should tell him?", True),
        ("what I told you just now, the pain score and the tingling. what should I say", True),
        ("can you write that down for me", True),
        ("what should I tell the doctor?", True),  # what was told first, when anything was
        ("and the 2 month? what I must tell to the doctor when I go?", True),
        ("what I told the doctor last year was wrong", False),
    ],
)
def test_asking_for_what_was_told_to_be_summed_up(text: str, asks: bool) -> None:
    from clinic.wording import asks_for_a_summary

    assert asks_for_a_summary(text) is asks


@pytest.mark.parametrize(
    "text",
    [
        "If someone with back pain suddenly couldn't control their bladder, what should they do?",
        "does sciatica ever cause loss of bladder control?",
        "he had a fever with back pain but he's better now. should he have been worried?",
    ],
)
def test_a_sign_asked_about_for_someone_or_in_general_asks_if_it_counts(text: str) -> None:
    assert asks_if_it_counts(text)


@pytest.mark.parametrize(
    ("text", "stiff"),
    [
        (
            "My lower back is stiff most mornings for the first hour. Doesn't really hurt as such.",
            True,
        ),
        ("I'm not actually in pain, but my lower back feels stiff and clicks when I twist", True),
        ("honestly 0 or 1, its stiffness more than pain", True),
        ("my back is stiff and sore", False),
        ("it doesnt hurt when I sit but stiff in the morning", False),
        ("my mum is not in pain but stiff", False),
    ],
)
def test_stiffness_or_a_click_told_without_pain(text: str, stiff: bool) -> None:
    from clinic.wording import tells_stiffness_without_pain

    assert tells_stiffness_without_pain(text) is stiff


def test_not_sure_if_i_need_to_come_in_asks_for_the_check_in() -> None:
    from clinic.wording import asks_for_the_check_in

    assert asks_for_the_check_in("Not sure if I need to come in. My back is stiff in the mornings")
    assert not asks_for_the_check_in("I want to book, not sure if monday works")


def test_what_should_he_do_after_a_harmless_fall_asks_nothing_about_the_signs() -> None:
    text = "my husband slipped on the stairs, he's walking fine, just sore. what should he do?"
    assert not asks_if_it_counts(text)


def test_not_wanting_a_check_up_is_asking_in_general() -> None:
    from clinic.wording import only_asks_in_general

    assert only_asks_in_general("i dont want a check up, i just wanted to know how it helps")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "I'm 58, office job, sat at a desk for 30 years. Lately my lower back is stiff",
            "I'm 58, Lately my lower back is stiff",
        ),
        ("worked as a builder for 20 years, back pain for 2 months", "back pain for 2 months"),
        (
            "my back has hurt for 3 years since I started this job",
            "my back has hurt for 3 years since I started this job",
        ),
        (
            "Years ago I had bladder trouble with a disc, fixed by surgery. Now my back's stiff",
            "fixed by surgery. Now my back's stiff",
        ),
    ],
)
def test_the_current_story_leaves_out_how_long_other_things_lasted(text: str, kept: str) -> None:
    from clinic.wording import current_story

    assert current_story(text) == kept


@pytest.mark.parametrize(
    "text",
    [
        "i had chest pain last year, turned out to be heartburn. now just asking about exercises",
        "my question is whether stretching helps",
    ],
)
def test_a_question_said_as_asking_is_a_question(text: str) -> None:
    from clinic.wording import is_question

    assert is_question(text.split(". ")[-1])


@pytest.mark.parametrize(
    ("text", "bye"),
    [
        ("cheers. this is def just my back. night", True),
        ("thanks, night!", True),
        ("my back hurts at night", False),
        ("worse at night?", False),
    ],
)
def test_good_night_said_last_is_a_goodbye(text: str, bye: bool) -> None:
    from clinic.wording import says_goodbye

    assert says_goodbye(text) is bye


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("not now thanks. what can I do tonight to ease it?", True),
        ("what can I do at home tonight for the pain?", True),
        ("can you book me for tonight", False),
    ],
)
def test_what_helps_tonight_is_asked_as_meanwhile(text: str, asks: bool) -> None:
    from clinic.wording import asks_what_helps_meanwhile

    assert asks_what_helps_meanwhile(text) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("so shud i see some1", True),
        ("do i need to see a doctor about it", True),
        ("I should see someone on tuesday", False),
        ("book me to see someone", False),
    ],
)
def test_whether_to_see_someone_is_asked_as_whether_to_book(text: str, asks: bool) -> None:
    from clinic.wording import asks_whether_to_book

    assert asks_whether_to_book(text) is asks


def test_how_quickly_to_get_help_asks_about_the_warning_signs() -> None:
    from clinic.wording import asks_about_emergency_signs

    text = "thanks, and how quickly should someone get help if they have that?"
    assert asks_about_emergency_signs(text)
    assert not asks_about_emergency_signs("how quickly should the stretches work?")


@pytest.mark.parametrize(
    ("text", "someone_else"),
    [
        ("my hips are stiff and now my lower back aches too, are they connected?", False),
        ("my husband has back pain, are they related to his job?", True),
    ],
)
def test_they_of_the_aches_is_no_other_person(text: str, someone_else: bool) -> None:
    assert about_someone_else(text) is someone_else


def test_paperwork_for_work_is_one_of_the_clinics_arrangements() -> None:
    assert asks_about_the_service("can I get a sick note for work from you?")
    assert asks_about_the_service("do you do fit notes")
    assert not asks_about_the_service("I've been off sick for a week with my back")


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        (
            "my brother had car crash last year, his back still hurt. Can he come to you also?",
            True,
        ),
        ("could my wife book in too?", True),
        (
            "my dad was in a crash years ago and now has back pain, can he see your specialist?",
            True,
        ),
        ("can he come with me to the appointment?", False),
        ("can i come to you?", False),
    ],
)
def test_asking_if_someone_else_can_be_seen(text: str, asks: bool) -> None:
    from clinic.wording import asks_if_someone_else_can_come

    assert asks_if_someone_else_can_come(text) is asks


@pytest.mark.parametrize(
    "text",
    ["is the clinic on the ground floor?", "is there a lift or step free access at your building"],
)
def test_access_to_the_building_is_a_question_for_the_team(text: str) -> None:
    from clinic.wording import asks_about_the_service

    assert asks_about_the_service(text)


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("what if it gets worse before monday?", True),
        ("thank you. and if my leg gets worse before wednesday what should I do?", True),
        ("it gets worse when I sit, what should I do?", False),
    ],
)
def test_asking_what_to_do_if_it_gets_worse(text: str, asks: bool) -> None:
    from clinic.wording import asks_what_if_worse

    assert asks_what_if_worse(text) is asks


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "About a month ago I started getting this ache in my lower back.",
            "About a month ago I started getting this ache in my lower back.",
        ),
        (
            "my back pain started 2 months ago, what helps?",
            "my back pain started 2 months ago, what helps?",
        ),
        ("I hurt my back 3 years ago, what stretches help now?", "what stretches help now?"),
    ],
)
def test_when_the_pain_now_began_is_kept_in_the_story(text: str, kept: str) -> None:
    assert current_story(text) == kept


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("When I walk a long way both my legs go heavy and a bit numb", False),
        ("when my back is bad I can't sleep", False),
        ("when should I see a specialist", True),
        ("when can I come in", True),
    ],
)
def test_when_it_happens_told_is_no_question(text: str, asks: bool) -> None:
    from clinic.wording import opens_as_question

    assert opens_as_question(text) is asks


def test_an_old_fall_told_in_yrs_is_no_part_of_the_story_now() -> None:
    text = (
        "fyi i fell off a ladder 2 yrs ago and hurt my back then but that all healed fine, "
        "this is a different thing"
    )
    assert current_story(text) == "this is a different thing"


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (
            "i want to book, actually no wait, first can you tell me if sciatica goes away",
            "can you tell me if sciatica goes away",
        ),
        ("book me in for friday, actually wait, first thing in the morning", None),
        ("I want to book", None),
    ],
)
def test_the_question_a_booking_is_put_off_for(text: str, question: str | None) -> None:
    from clinic.wording import question_put_first

    assert question_put_first(text) == question


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("and if by next week it's still this bad?", True),
        ("i mean if it doesn't get better, when should i come in", True),
        ("is it still this bad for everyone", False),
    ],
)
def test_asking_what_to_do_if_it_does_not_ease(text: str, asks: bool) -> None:
    from clinic.wording import asks_what_if_no_better

    assert asks_what_if_no_better(text) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("My dad lost control of his bladder years ago because of his back, is that common?", True),
        ("I had numbness in my groin last year, is that normal?", True),
        ("that is common knowledge", False),
    ],
)
def test_asking_how_common_a_sign_told_of_is_asks_if_it_counts(text: str, asks: bool) -> None:
    assert asks_if_it_counts(text) is asks

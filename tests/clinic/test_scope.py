import pytest

from clinic.scope import (
    Scope,
    about_a_child,
    about_pregnancy,
    child_of_unknown_age,
    out_of_scope,
    ruled_out_before,
    says_a_child_is_the_patient,
)


@pytest.mark.parametrize(
    ("text", "conditions", "parts", "expected"),
    [
        ("what is aortic stenosis", {"aortic_stenosis"}, set(), Scope.OTHER_CONDITION),
        (
            "I was diagnosed with aortic stenosis, is that the same as spinal stenosis?",
            {"aortic_stenosis", "spinal_stenosis"},
            set(),
            Scope.OTHER_CONDITION,
        ),
        (
            "My dad has aortic stenosis, the cardiologist mentioned a valve. Is it the same "
            "stenosis as the spine one and what exercises help?",
            {"aortic_stenosis", "spinal_stenosis"},
            {"spine"},
            Scope.OTHER_CONDITION,
        ),
        (
            "stenosis in my carotid artery, is that like spinal stenosis",
            {"aortic_stenosis", "spinal_stenosis"},
            set(),
            Scope.OTHER_CONDITION,
        ),
        # A condition that would be a health condition for one's own doctor, compared with
        # one the guide covers: the other condition's reply, then the covered one's answer.
        (
            "Is osteoporosis the same as osteoarthritis? my mother has osteoporosis",
            {"osteoporosis", "osteoarthritis"},
            set(),
            Scope.OTHER_CONDITION,
        ),
        (
            "I have osteoporosis, can I do back exercises?",
            {"osteoporosis"},
            {"back"},
            Scope.HEALTH_CONDITION,
        ),
        ("my dad has sciatica, what exercises help?", {"sciatica"}, set(), None),
        # osteoarthritis is the one covered condition of any joint
        (
            "For my knee, I am 58. Walking more is good or bad for it? Maybe it is the "
            "osteoarthritis?",
            {"osteoarthritis"},
            {"knee"},
            Scope.OTHER_JOINT,
        ),
        (
            "I have osteoarthritis in my back and knees, does exercise help?",
            {"osteoarthritis"},
            {"knee", "back"},
            None,
        ),
        (
            "is rheumatoid arthritis different from osteoarthritis",
            {"rheumatoid_arthritis", "osteoarthritis"},
            set(),
            Scope.OTHER_CONDITION,
        ),
        (
            "whats the difference between sciatica and a herniated disc",
            {"sciatica", "herniated_disc"},
            set(),
            None,
        ),
        (
            "lipoma on my lower back near the sciatica, what helps the sciatica",
            {"lipoma", "sciatica"},
            {"lower_back"},
            None,
        ),
        (
            "rheumatoid arthritis in my hands",
            {"rheumatoid_arthritis"},
            {"hand"},
            Scope.OTHER_CONDITION,
        ),
        ("exercises for my knee", set(), {"knee"}, Scope.OTHER_JOINT),
        ("my neck hurts", set(), {"neck"}, Scope.OTHER_JOINT),
        ("my 8 year old has back pain", set(), {"back"}, Scope.CHILD),
        ("my daughter hurt her back at school", set(), {"back"}, Scope.CHILD),
        ("what is spinal stenosis", {"spinal_stenosis"}, set(), None),
        ("neck and lower back pain", set(), {"neck", "lower_back"}, None),
        ("sciatica down to my knee", {"sciatica"}, {"knee"}, None),
        ("tingling in my foot", set(), {"foot"}, None),
        ("my 35 year old son has sciatica", {"sciatica"}, set(), None),
        ("how does exercise help", set(), set(), None),
        ("I'm 20 weeks pregnant and my lower back is sore", set(), {"lower_back"}, Scope.PREGNANCY),
        ("is exercise safe in pregnancy?", set(), set(), Scope.PREGNANCY),
        (
            "my daughter is 6 months pregnant with sciatica down her leg, can she take "
            "anti-inflammatories?",
            {"sciatica"},
            {"leg"},
            Scope.PREGNANCY,
        ),
        ("my dog has a bad back, can he do these stretches too", set(), {"back"}, Scope.ANIMAL),
        ("our old labrador's back legs are stiff, is it arthritis?", set(), {"leg"}, Scope.ANIMAL),
        ("I hurt my back walking the dog", set(), {"back"}, None),
        (
            "wait, question: you do plastic surgery also? my sister want nose job",
            set(),
            set(),
            Scope.OTHER_SERVICE,
        ),
        (
            "the optician found optic disc swelling, is that serious?",
            set(),
            set(),
            Scope.OTHER_SERVICE,
        ),
        (
            "I had a boob job years ago, could that explain my lower back pain?",
            set(),
            {"lower_back"},
            None,
        ),
        (
            "hi, my daughter keeps telling me to ask - can stretching at home really help with a"
            " stiff back, or do I need a professional?",
            set(),
            {"back"},
            None,
        ),
        ("my son told me his back hurts after football, he's 9", set(), {"back"}, Scope.CHILD),
        (
            "actually not wednesday, I've just remembered I have my daughter's school play."
            " thursday evening after work?",
            set(),
            set(),
            None,
        ),
        (
            "my blood pressure tablets make me dizzy, should i stop them",
            set(),
            set(),
            Scope.PRESCRIPTION,
        ),
        (
            "does rheumatoid arthritis affect the back?",
            {"rheumatoid_arthritis"},
            {"back"},
            Scope.OTHER_CONDITION,
        ),
        ("does osteoarthritis affect the back?", {"osteoarthritis"}, {"back"}, None),
        (
            "does exercise help rheumatoid arthritis in the back",
            {"rheumatoid_arthritis"},
            {"back"},
            Scope.OTHER_CONDITION,
        ),
        (
            "my friend had chest pain last month, turned out it was just heartburn. anyway what"
            " stretches help the lower back?",
            {"reflux"},
            {"lower_back"},
            None,
        ),
        (
            "my rheumatoid is fine but my lower back hurts from lifting",
            {"rheumatoid_arthritis"},
            {"lower_back"},
            None,
        ),
        (
            "Last year I had a fever with back pain, it turned out to be a kidney infection and"
            " got treated. Now I just want some good exercises for my back.",
            set(),
            {"back"},
            None,
        ),
        ("could my back pain be my kidneys?", set(), {"back"}, Scope.KIDNEY),
        ("lifting my dog into the car set my sciatica off", {"sciatica"}, set(), None),
        ("should I see you or my midwife about sciatica", {"sciatica"}, set(), Scope.PREGNANCY),
        # the article's general advice is not written for a serious health condition
        (
            "I have a heart condition, is exercise safe for my back pain?",
            set(),
            {"back"},
            Scope.HEALTH_CONDITION,
        ),
        (
            "stop. I have heart failure. can I do exercise for my back or not?",
            set(),
            {"back"},
            Scope.HEALTH_CONDITION,
        ),
        (
            "I'm on warfarin, can I take ibuprofen for my sciatica",
            {"sciatica"},
            set(),
            Scope.HEALTH_CONDITION,
        ),
        ("can i take ibuprofen, i'm on chemotherapy", set(), set(), Scope.HEALTH_CONDITION),
        ("is stretching ok while undergoing radiotherapy", set(), set(), Scope.HEALTH_CONDITION),
        # a named prescription medicine, or someone else's
        ("can I take tramadol for sciatica", {"sciatica"}, set(), Scope.PRESCRIPTION),
        ("so can I take the tramadol my friend gave me?", set(), set(), Scope.PRESCRIPTION),
        ("is it ok to take my mum's painkillers for my back", set(), {"back"}, Scope.PRESCRIPTION),
        ("my brother give me his pills, is ok to take?", set(), set(), Scope.PRESCRIPTION),
        # another condition's medicines together, no painkiller named
        (
            "can I take metformin together with my blood pressure pills?",
            set(),
            set(),
            Scope.PRESCRIPTION,
        ),
        ("can i use my dads diclofenac gel on my back", set(), {"back"}, Scope.PRESCRIPTION),
        ("should mum stop her paracetamol before it?", set(), set(), Scope.PRESCRIPTION),
        ("my dad takes his tablets daily and his back still hurts", set(), {"back"}, None),
        ("is it ok to take anti-inflammatories while breastfeeding", set(), set(), Scope.PREGNANCY),
        # changing a prescribed dose
        ("so just doubling it for a few days is probably ok?", set(), set(), Scope.PRESCRIPTION),
        ("can i take a double dose if it's not working", set(), set(), Scope.PRESCRIPTION),
        # how much, how often or how long to take a painkiller
        ("can I take ibuprofen every day?", set(), set(), Scope.MEDICINE_USE),
        ("how much paracetamol can i take for my back", set(), {"back"}, Scope.MEDICINE_USE),
        ("can i take ibuprofen and paracetamol together?", set(), set(), Scope.MEDICINE_USE),
        ("i take my tablets every day and my back still hurts", set(), {"back"}, None),
        ("can i keep taking my naproxen till then", set(), set(), Scope.MEDICINE_USE),
        ("can i take more ibuprofen than on the box?", set(), set(), Scope.MEDICINE_USE),
        (
            "my left calf is swollen and sore since the flight, is that a problem",
            set(),
            set(),
            Scope.SWOLLEN_LEG,
        ),
        ("ive been on diclofenac for a long time, is that ok?", set(), set(), Scope.MEDICINE_USE),
        (
            "my husband has been taking my tablets for his back, is that ok",
            set(),
            {"back"},
            Scope.PRESCRIPTION,
        ),
        ("can i take ibuprofen for my back?", set(), {"back"}, None),
        # the bladder or kidneys, not the spine
        (
            "pain in my back under the ribs and it burns when i pee",
            set(),
            {"back"},
            Scope.URINARY,
        ),
        ("there's blood in my urine and my lower back aches", set(), {"lower_back"}, Scope.URINARY),
        (
            "i get pain on my right side under the ribs, could that be my kidney or my back?",
            set(),
            {"back"},
            Scope.KIDNEY,
        ),
        # the stomach or gut, even when it reaches the back
        (
            "i get a lot of stomach pain and heartburn, sometimes it goes into my upper back",
            set(),
            {"upper_back"},
            Scope.DIGESTIVE,
        ),
        ("does lying on my stomach hurt my back?", set(), {"back"}, None),
        # not these: the back alone, or words that only look alike
        ("can i change it to thursday", set(), set(), None),
        ("is cat cow ok? knees to chest?", set(), {"knee"}, None),
        ("knees to chest hurts my knee", set(), {"knee"}, Scope.OTHER_JOINT),
        # whether the clinic only sees backs, asked before the joint
        (
            "Do you only do backs? my knee has been killing me",
            set(),
            {"back", "knee"},
            Scope.OTHER_JOINT,
        ),
        ("do you only do backs? my back and my knee hurt", set(), {"back", "knee"}, None),
        # hands and feet asked about, not tingling told with the back pain
        ("hands. my fingers. do you treat that at the clinic?", set(), set(), Scope.OTHER_JOINT),
        ("do you treat hands?", set(), set(), Scope.OTHER_JOINT),
        ("tingling in my hands, should I see someone?", set(), set(), None),
        ("my back hurts and my fingers tingle, can you help with that?", set(), {"back"}, None),
        ("I can't pee properly since the back pain started", set(), {"back"}, None),
        ("my heart sank when the pain came back", set(), {"back"}, None),
        ("which painkillers help back pain", set(), {"back"}, None),
        # asked whether the clinic treats another condition: that condition
        (
            "do you treat migraines as well as back pain",
            {"migraine"},
            {"back"},
            Scope.OTHER_CONDITION,
        ),
        ("do you treat back pain and migraines", {"migraine"}, {"back"}, None),
        (
            "can you prescribe me something? tramadol worked for my sister",
            set(),
            set(),
            Scope.PRESCRIPTION,
        ),
        ("Is metformin ok to take if I have back pain?", set(), {"back"}, Scope.PRESCRIPTION),
        ("can I take ibuprofen if im on ramipril?", set(), set(), Scope.MEDICINE_USE),
        ("I take metformin and my back hurts", set(), {"back"}, None),
        # someone else's condition, the writer asking about their own back
        (
            "my dad had chest pain spreading to his back years ago and it turned out to be a "
            "heart attack. I'm asking about myself though, I just have mild back stiffness",
            set(),
            {"back"},
            None,
        ),
        (
            "my wife has heart disease, can she do these exercises?",
            set(),
            set(),
            Scope.HEALTH_CONDITION,
        ),
    ],
)
def test_scope(text: str, conditions: set[str], parts: set[str], expected: Scope | None) -> None:
    assert out_of_scope(text, conditions, parts) == expected


def test_an_adult_son_is_not_a_child() -> None:
    assert about_a_child("my son is 12 and his back hurts")
    assert not about_a_child("my grown-up son has a bad back")
    assert not about_a_child("I'm 67 and my daughter says I should ask about my sciatica")
    assert not about_a_child("use my number 07700 900662 (I'm Rob, her son in law)")
    assert not about_a_child("my daughter-in-law hurt her back")
    # the writer signing off as someone's son or daughter
    assert not about_a_child("use my mobile, 07700 900 612 (Lisa, his daughter)")


@pytest.mark.parametrize(
    "text",
    [
        "my lad is 11 and keeps saying his back hurts after PE, should i give him ibuprofen?",
        "no its not me its my son, hes 11",
        "my youngster keeps saying her back aches",
    ],
)
def test_a_child_by_any_everyday_name_or_age_is_a_child(text: str) -> None:
    assert about_a_child(text)


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("my son hurt his back at rugby, what should he do?", True),
        ("my daughter has sciatica, can she do stretches", True),
        ("my son is 12 and his back hurts", False),
        ("my little girl says her back hurts", False),
        ("my son hurt his back in PE class", False),
        ("my 8 year old keeps complaining about back pain", False),
        ("what about back pain in children", False),
    ],
)
def test_a_son_or_daughter_whose_age_is_not_said_may_be_grown_up(text: str, unknown: bool) -> None:
    assert child_of_unknown_age(text) is unknown


@pytest.mark.parametrize(
    "text",
    [
        "could my back pain be cancer?",
        "im scared its something serious like cancer",
        "is this a sign of a tumour",
        "does this mean I have bone cancer?",
    ],
)
def test_fear_that_the_pain_is_cancer_gets_its_own_reply(text: str) -> None:
    assert out_of_scope(text, {"tumour"}, {"back"}) is Scope.FEAR_OF_SERIOUS_ILLNESS


def test_an_illness_the_patient_has_is_for_their_own_doctor_not_a_fear() -> None:
    assert out_of_scope("I had cancer last year, can I exercise?", {"tumour"}, set()) is (
        Scope.HEALTH_CONDITION
    )
    assert out_of_scope("what is a spinal tumour", {"tumour"}, set()) is Scope.OTHER_CONDITION


@pytest.mark.parametrize(
    "text",
    [
        "can i take ibuprofen for my back if im on blood pressure tablets (ramipril)?",
        "is ibuprofen ok with my blood pressure meds",
        "can I take more than the packet says",
        "i also take methotrexate for psoriasis, is it ok to take ibuprofen with that for my back?",
        "can i take naproxen for my back if im on sertraline?",
        "Can I have a glass of wine while on prescription painkillers for my back?",
    ],
)
def test_mixing_or_exceeding_medicines_is_for_a_pharmacist(text: str) -> None:
    assert out_of_scope(text, set(), {"back"}) is Scope.MEDICINE_USE


@pytest.mark.parametrize(
    ("text", "conditions", "expected"),
    [
        (
            "can you read my MRI report? it says mild disc bulge",
            {"herniated_disc"},
            Scope.TEST_RESULTS,
        ),
        ("what does my xray mean", set(), Scope.TEST_RESULTS),
        # what the article covers, named from a scan or a doctor, is answered from it
        ("my scan showed a herniated disc, what exercises can I do", {"herniated_disc"}, None),
        ("my doctor said i have sciatica, what does that mean", {"sciatica"}, None),
        # the report's own words, asked to be explained: a reading, whatever it names
        (
            "My MRI report says 'broad based disc bulge at L4-L5 with mild foraminal "
            "narrowing'. What does that mean in plain english?",
            {"herniated_disc"},
            Scope.TEST_RESULTS,
        ),
        ("my mri said disc bulge at L5/S1, what exercises can I do?", {"herniated_disc"}, None),
        (
            "My MRI letter says 'L4/5 disc bulge with mild degenerative change'. What does that "
            "actually mean and will it get worse as I get older?",
            {"herniated_disc", "degenerative_disc_disease"},
            Scope.TEST_RESULTS,
        ),
        # asked in general, the scan set aside: what the guide says of each
        (
            "I'm not asking you to read the scan. Just tell me in general what degenerative "
            "disc disease and spinal stenosis are.",
            {"degenerative_disc_disease", "spinal_stenosis"},
            None,
        ),
        (
            "What does 'grade 1 spondylolisthesis with mild canal stenosis' on my CT mean?",
            {"spondylolisthesis", "spinal_stenosis"},
            Scope.TEST_RESULTS,
        ),
        (
            "My X-ray report mentions osteophytes in the lumbar spine. Does that mean "
            "osteoarthritis?",
            {"osteoarthritis"},
            Scope.TEST_RESULTS,
        ),
    ],
)
def test_reading_scans_and_results_is_for_a_clinician(
    text: str, conditions: set[str], expected: Scope | None
) -> None:
    assert out_of_scope(text, conditions, set()) is expected


def test_asking_whether_the_clinics_specialists_see_another_joint_is_about_it() -> None:
    text = "do your specialists look at hips as well, or only backs?"
    assert out_of_scope(text, set(), {"hip"}) is Scope.OTHER_JOINT


def test_asking_whether_the_clinic_sees_another_joint_is_about_that_joint() -> None:
    text = "do you actually do shoulders tho? your info is all about backs"
    assert out_of_scope(text, set(), {"back"}) is Scope.OTHER_JOINT


def test_a_child_who_was_lifted_is_not_the_patient() -> None:
    text = "my back went when i bent down to pick up my son yesterday, its like 8/10"
    assert not about_a_child(text)
    assert about_a_child("my son hurt his back lifting weights at school")


def test_a_young_child_looked_after_whose_back_hurts_is_the_patient() -> None:
    text = (
        "I look after my grandson after school, he is 9, and for two weeks he has complained "
        "his back hurts. Can he come to your clinic?"
    )
    assert about_a_child(text)
    assert not about_a_child("my back hurts from looking after my grandson every day")


def test_which_painkiller_helps_is_not_a_question_of_mixing_medicines() -> None:
    assert out_of_scope("what painkillers help with that kind of pain?", set(), {"back"}) is None


def test_a_prescription_told_in_the_story_is_not_what_a_long_message_asks() -> None:
    story = (
        "GP said probably arthritis and gave me co-codamol which makes me drowsy so i "
        "stopped. no numbness, just achey. my sister says i should see a specialist, what "
        "do you think? also is swimming good?"
    )
    assert out_of_scope(story, set(), {"back"}) is None
    asked = "My GP gave me co-codamol. Is it ok to take it with ibuprofen?"
    assert out_of_scope(asked, set(), {"back"}) is Scope.PRESCRIPTION


@pytest.mark.parametrize(
    "text",
    [
        "after sitting cross legged on the floor playing with my kids my left leg went dead",
        "its MY back, not my kids! i'm 38. stiff lower back most mornings",
        "there is no child. adult. me.",
        "my back has been bad since i had my baby 4 months ago",
        "no its MY back not the baby's",
    ],
)
def test_a_child_spoken_of_in_passing_or_denied_is_not_a_childs_back(text: str) -> None:
    assert not about_a_child(text)


def test_another_joint_asked_about_against_only_backs_is_that_joint() -> None:
    text = (
        "my knee clicks and swells up after football, is that something you can help with "
        "or is it only backs"
    )
    assert out_of_scope(text, set(), {"knee", "back"}) is Scope.OTHER_JOINT


def test_a_condition_named_after_its_joint_is_about_that_joint() -> None:
    assert out_of_scope("frozen shoulder advice?", {"frozen_shoulder"}, set()) is Scope.OTHER_JOINT
    assert out_of_scope("what is gout", {"gout"}, set()) is Scope.OTHER_CONDITION
    # Told as the patient's own condition: still the joint, which the clinic sees.
    told = "I think I have a frozen shoulder. Do you treat that?"
    assert out_of_scope(told, {"frozen_shoulder"}, set()) is Scope.OTHER_JOINT
    assert out_of_scope("I have gout, do you treat that?", {"gout"}, set()) is Scope.OTHER_CONDITION


@pytest.mark.parametrize(
    "text",
    [
        "Yes but who is right, my son or my friend? Should I keep gardening?",
        "My son is 45 and his back is fine! I am asking about MY back.",
        "There is no child. Does exercise help osteoarthritis of the back?",
        "sorry my kid grabbed the phone. no i dont have any of those things. what can i do at home",
    ],
)
def test_a_grown_son_or_the_patients_own_back_is_not_a_child(text: str) -> None:
    from clinic.scope import about_a_child

    assert not about_a_child(text)


def test_pain_spreading_down_to_a_knee_is_the_backs() -> None:
    text = "mine goes down to my knee on the left and my foot feels kinda tingly. been 5 weeks"
    assert out_of_scope(text, set(), {"knee"}) is None
    assert out_of_scope("my knee hurts when i walk", set(), {"knee"}) == Scope.OTHER_JOINT


def test_a_repaired_aorta_is_another_health_condition_and_helping_a_daughter_no_child() -> None:
    from clinic.scope import about_a_child

    asked = "my husband had surgery for a torn aorta 4 years ago, can he keep deadlifting?"
    assert out_of_scope(asked, set(), set()) == Scope.HEALTH_CONDITION
    told = "six weeks ago I was moving my daughter into her new flat, being 58 my back is sore"
    assert not about_a_child(told)


@pytest.mark.parametrize(
    "text",
    [
        "hi im 14 and my back hurts from my school bag",
        "i'm 14 tho, is that ok? do you see kids",
        "I am 9 years old and my back hurts",
    ],
)
def test_a_child_writing_about_their_own_back(text: str) -> None:
    assert about_a_child(text)


@pytest.mark.parametrize(
    "text", ["im 8/10 pain", "i am 9 out of 10", "im 45", "im 8", "im 5 weeks pregnant"]
)
def test_a_score_or_an_adult_age_is_not_a_child(text: str) -> None:
    assert not about_a_child(text)


@pytest.mark.parametrize(
    "text",
    [
        "naproxen my GP prescribed, can I also take paracetamol?",
        "which is better, ibuprofen or paracetamol",
        "is paracetamol better than ibuprofen?",
    ],
)
def test_two_medicines_or_which_is_better_is_for_a_pharmacist(text: str) -> None:
    assert out_of_scope(text, set(), set()) is Scope.MEDICINE_USE


def test_stopping_what_a_doctor_prescribed_is_for_the_doctor() -> None:
    text = "my doctor gave me naproxen but i hate tablets. can i just stop them and do exercises?"
    assert out_of_scope(text, set(), set()) is Scope.PRESCRIPTION


@pytest.mark.parametrize(
    "text",
    [
        "i tried the stretching you said and it made it worse, sharp pain now",
        "stretching made it WORSE. should i stop",
        "you told me to do stretches but my back gets really sore the day after",
        "My physio gave me exercises but they hurt. should i push through the pain or stop?",
    ],
)
def test_exercise_that_made_the_pain_worse_gets_its_own_reply(text: str) -> None:
    assert out_of_scope(text, set(), set()) is Scope.WORSE_WITH_EXERCISE


@pytest.mark.parametrize(
    "text",
    [
        "what stretches help when it hurts?",
        "do stretches make sciatica worse?",
        "can ibuprofen help?",
        "my physio gave me exercises for my sciatica, do they help?",
        "can I do exercises if my back hurts?",
    ],
)
def test_questions_about_exercise_or_one_medicine_stay_with_the_guide(text: str) -> None:
    assert out_of_scope(text, set(), set()) is None


@pytest.mark.parametrize(
    "text",
    [
        "hi can i book an appt for my daughter shes 16, plays netball, lower back sore for a month",
        "my 16 year old son has back pain",
        "my daughter is 17",
    ],
)
def test_sixteen_and_over_are_adults(text: str) -> None:
    assert not about_a_child(text)


@pytest.mark.parametrize(
    ("text", "child"),
    [
        ("my son is 15", True),
        ("my 14 year old has back pain", True),
        ("Tuesday afternoon would suit best, my son finishes work at 1.", False),
        ("she is 8 out of 10", False),
    ],
)
def test_a_child_said_by_age_or_word(text: str, child: bool) -> None:
    assert says_a_child_is_the_patient(text) is child


@pytest.mark.parametrize(
    "text",
    [
        "use my number, 07700 900612, im his daughter",
        "I am her son, I'm writing for mum",
        "hi this is her daughter Lucia, I'll type for my mum. She's had bad back pain for a month",
        "Hi there, I'd like to book a back appointment, Friday afternoon would be ideal as the "
        "kids are at my mum's",
        "Mrs Joan Pritchard. i dont have a mobile but my email is joan.p@example.net my grandson "
        "set it up",
    ],
)
def test_the_writer_who_is_the_patients_child_is_no_child_patient(text: str) -> None:
    assert not says_a_child_is_the_patient(text)
    assert not about_a_child(text)


def test_a_baby_due_is_a_pregnancy() -> None:
    assert about_pregnancy("first baby due in march so im about 26 weeks, is ibuprofen ok?")


@pytest.mark.parametrize(
    "text",
    ["What is aortic stenosis? Is it like spinal stenosis?", "Can endometriosis cause back pain?"],
)
def test_a_condition_asked_about_beside_a_covered_one_is_outside_the_guide(text: str) -> None:
    conditions = {"aortic_stenosis", "spinal_stenosis"} if "aortic" in text else {"endometriosis"}
    assert out_of_scope(text, conditions, {"back"}) is Scope.OTHER_CONDITION


def test_having_had_children_does_not_make_the_patient_a_child() -> None:
    assert not about_a_child("After two kids my stomach muscles are weak and my back aches")


def test_convinced_it_is_cancer_after_googling_is_a_fear() -> None:
    text = "i googled my symptoms and now im convinced i have spinal cancer. my back aches"
    assert out_of_scope(text, {"tumour"}, {"back"}) is Scope.FEAR_OF_SERIOUS_ILLNESS


@pytest.mark.parametrize(
    ("text", "child"),
    [
        ("yes. can i bring my son as well, hes 12, he has to come with me", False),
        ("tuesdays i have my kids", False),
        ("can i bring my son, hes 12, his back hurts too", True),
        ("can i book my 8 year old in", True),
    ],
)
def test_a_child_who_only_comes_along_is_not_the_patient(text: str, child: bool) -> None:
    assert says_a_child_is_the_patient(text) is child


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        (
            "my dad had cancer and i cant sleep thinking about it. could it be cancer?",
            Scope.FEAR_OF_SERIOUS_ILLNESS,
        ),
        ("i had cancer 5 years ago, can i do exercises for my back?", Scope.HEALTH_CONDITION),
    ],
)
def test_a_fear_asked_about_wins_over_an_illness_told_of(text: str, scope: Scope) -> None:
    assert out_of_scope(text, {"tumour"}, {"back"}) is scope


@pytest.mark.parametrize(
    ("text", "child"),
    [
        ("lovely. will my daughter get a text about it?", False),
        ("please ring my son instead, it's his phone I use", False),
        ("can I give my son's number for the confirmation?", False),
        ("can you call my son, he is 8 and his back hurts", True),
    ],
)
def test_a_son_or_daughter_who_hears_about_the_booking_is_not_the_patient(
    text: str, child: bool
) -> None:
    from clinic.scope import about_a_child

    assert about_a_child(text) is child


@pytest.mark.parametrize(
    "text",
    [
        "What about the naproxen upsetting my stomach, should I stop it?",
        "does co-codamol have side effects?",
        "I get a stomach ache from the ibuprofen, is that normal",
    ],
)
def test_a_medicines_side_effects_are_for_its_prescriber_or_a_pharmacist(text: str) -> None:
    from clinic.scope import Scope, out_of_scope

    assert out_of_scope(text, [], []) is Scope.PRESCRIPTION


@pytest.mark.parametrize(
    ("text", "child"),
    [
        ("on second thoughts my daughter can drive me on Tuesday afternoon after all", False),
        ("Not just yet, I'd like to talk to my daughter first. What should I tell them?", False),
        ("my son is driving me to the appointment", False),
        ("my daughter has back pain, she is 9", True),
    ],
)
def test_a_son_or_daughter_who_brings_the_patient_is_no_child_patient(
    text: str, child: bool
) -> None:
    from clinic.scope import about_a_child

    assert about_a_child(text) is child


def test_a_condition_of_another_organ_alone_is_not_of_the_back() -> None:
    from clinic.scope import only_another_organ

    assert only_another_organ(["aortic_stenosis"], "My baby has pyloric stenosis, how serious?")
    assert not only_another_organ(["scoliosis"], "my son has scoliosis")
    assert not only_another_organ(["kidney"], "my daughter has kidney trouble and back pain")
    assert not only_another_organ([], "my son has a cold")


def test_heartburn_told_as_the_story_is_not_the_question() -> None:
    from clinic.scope import Scope, out_of_scope

    story = (
        "I had chest pain last year, turned out to be heartburn. Now I just have a stiff "
        "back - what stretches would help?"
    )
    assert out_of_scope(story, [], ["back"]) is None
    asked = "I get heartburn after meals and my back hurts, is the heartburn from my back?"
    assert out_of_scope(asked, [], ["back"]) == Scope.DIGESTIVE


@pytest.mark.parametrize(
    ("condition", "words", "named"),
    [
        ("degenerative_disc_disease", "mri says degenerativ disc diseas L4 L5", True),
        ("spinal_stenosis", "spinal stenosis", True),
        ("herniated_disc", "disc bulge", False),
        ("degenerative_disc_disease", "L4/5 degeneration", False),
    ],
)
def test_a_covered_condition_named_by_its_own_name(condition: str, words: str, named: bool) -> None:
    from clinic.scope import named_by_its_own_name

    assert named_by_its_own_name(condition, words) is named


def test_asking_for_a_prescription_to_be_renewed() -> None:
    from clinic.scope import asks_for_a_repeat

    assert asks_for_a_repeat("Can you renew my tramadol prescription please?")
    assert asks_for_a_repeat("can I get a repeat prescription")
    assert not asks_for_a_repeat("can I take more naproxen")


def test_a_friends_prescription_medicine_asked_about_in_a_short_question() -> None:
    from clinic.scope import Scope, out_of_scope

    text = "my friend give me muscle relaxant tablets from his country, diazepam. is ok for back?"
    assert out_of_scope(text, [], ["back"]) == Scope.PRESCRIPTION


def test_discitis_is_another_condition_than_degenerative_disc_disease() -> None:
    from clinic.scope import Scope, out_of_scope

    text = "the doctor said discitis, is that the same as degenerative disc disease?"
    assert out_of_scope(text, {"discitis", "degenerative_disc_disease"}, set()) == (
        Scope.OTHER_CONDITION
    )
    asked = "my MRI says discitis, what is that? is it degenerative disc disease?"
    assert out_of_scope(asked, {"discitis", "degenerative_disc_disease"}, set()) == (
        Scope.OTHER_CONDITION
    )


def test_a_question_said_as_just_asking_about_is_the_question() -> None:
    from clinic.scope import out_of_scope

    story = (
        "i had chest pain last year, turned out to be heartburn. now just asking about back "
        "exercises to do at home"
    )
    assert out_of_scope(story, ["reflux"], ["back"]) is None


@pytest.mark.parametrize(
    "text",
    [
        "They found stenosis in my carotid artery at my check-up. Should I be worried?",
        "I mean the artery in my neck, not my back. is it dangerous?",
    ],
)
def test_a_narrowed_artery_is_another_condition(text: str) -> None:
    from clinic.scope import Scope, out_of_scope

    # As the entity patterns read it: an artery's narrowing, never the spine's.
    parts = ["neck", "back"] if "neck" in text else []
    assert out_of_scope(text, ["aortic_stenosis"], parts) == Scope.OTHER_CONDITION


def test_a_dose_in_milligrams_asks_how_to_take_a_medicine() -> None:
    from clinic.scope import about_taking_a_medicine

    assert about_taking_a_medicine("can i take ibuprofen 400mg three times a day for sciatica")


def test_a_relatives_past_reflux_beside_the_question_is_the_story() -> None:
    from clinic.scope import out_of_scope

    text = (
        "my wife had chest pain last week, turned out to be reflux, she's fine. anyway how "
        "do i strengthen my back"
    )
    assert out_of_scope(text, ["reflux"], ["back"]) is None


def test_how_serious_a_reports_finding_is_is_for_the_doctor() -> None:
    from clinic.scope import Scope, out_of_scope

    text = "scan says 'moderate central canal stenosis at L3-4' - should I be worried?"
    assert out_of_scope(text, ["spinal_stenosis"], []) == Scope.TEST_RESULTS
    assert (
        out_of_scope("I have spinal stenosis, should I be worried?", ["spinal_stenosis"], [])
        is None
    )


@pytest.mark.parametrize(
    ("text", "words", "ruled_out"),
    [
        ("sorry, I meant scoliosis, not stenosis", "stenosis", True),
        ("sorry, I meant scoliosis, not stenosis", "scoliosis", False),
        ("rather than sciatica it might be a disc", "sciatica", True),
        ("I have sciatica", "sciatica", False),
    ],
)
def test_words_that_rule_out_a_condition_are_read(text: str, words: str, ruled_out: bool) -> None:
    assert ruled_out_before(text, text.index(words)) is ruled_out


@pytest.mark.parametrize(
    ("text", "conditions", "scope"),
    [
        (
            "my dad had a fever and back pain last year, turned out to be a kidney infection. "
            "I have back pain but no fever - what exercises help?",
            ["kidney"],
            None,
        ),
        # The condition asked about, not only told of as over.
        (
            "I had a kidney infection last year. Is kidney pain felt in the back?",
            ["kidney"],
            "KIDNEY",
        ),
        (
            "I have rheumatoid arthritis, does exercise help my back?",
            ["rheumatoid_arthritis"],
            "OTHER_CONDITION",
        ),
    ],
)
def test_a_condition_told_only_as_an_episode_that_is_over_is_the_story(
    text: str, conditions: list[str], scope: str | None
) -> None:
    from clinic.scope import Scope, out_of_scope

    assert out_of_scope(text, conditions, ["back"]) == (Scope[scope] if scope else None)


@pytest.mark.parametrize(
    ("text", "parts", "joint"),
    [
        (
            "I have osteoarthritis in my back and my knees also hurt, what can I do?",
            ["back", "knee"],
            "knee",
        ),
        ("my back pain goes down to my knee, what helps?", ["back", "knee"], None),
        ("are knee to chest stretches good for my back?", ["back", "knee"], None),
        ("my knee hurts", ["knee"], None),
        (
            "I have osteoarthritis in my back and in both knees, which exercises help?",
            ["back", "knee"],
            "knee",
        ),
        ("osteoarthritis in my back, what helps?", ["back"], None),
        (
            "my lower back hurts and also my knee, what can i do for both?",
            ["lower_back", "knee"],
            "knee",
        ),
        ("my back hurts and my knee is fine", ["back", "knee"], None),
        # a condition of the back named instead of the back
        ("I have sciatica and my knee hurts too, what exercises can I do?", ["knee"], "knee"),
        ("osteoarthritis in my knee hurts", ["knee"], None),
        ("spinal stenosis and arthritis in my knee, what are these", ["knee"], "knee"),
        ("aortic stenosis and arthritis in my knee", ["knee"], None),
        # a joint told of as the cause, which the guide speaks of
        (
            "my sister says my back pain is because my hips are stiff. is that even a thing?",
            ["back", "hip"],
            None,
        ),
    ],
)
def test_another_joint_asked_about_beside_the_back(
    text: str, parts: list[str], joint: str | None
) -> None:
    from clinic.scope import another_joint_too

    assert another_joint_too(text, parts) == joint


def test_a_nerve_and_muscle_condition_named_like_the_spine_is_another_condition() -> None:
    from clinic.scope import Scope, out_of_scope

    assert out_of_scope("what is spinal muscular atrophy?", ["neuromuscular"], []) == (
        Scope.OTHER_CONDITION
    )


def test_a_daughter_who_drives_the_patient_is_no_child_with_back_pain() -> None:
    from clinic.scope import about_a_child

    assert not about_a_child("NO WAIT. MY DAUGHTER DRIVES ME AND SHE IS ONLY FREE WEDNESDAY.")


@pytest.mark.parametrize(
    ("text", "about"),
    [
        (
            "not now, ill see how the tablets go first. how long does sciatica take to clear up?",
            False,
        ),
        ("how long should I take the tablets for?", True),
        ("I'm on naproxen. How long can I take it?", True),
        ("She can take ibuprofen? she has 84 years and take pills for the blood pressure", True),
        ("I take blood pressure tablets and my back hurts", False),
    ],
)
def test_a_question_about_taking_a_medicine_is_about_the_medicine(text: str, about: bool) -> None:
    from clinic.scope import about_taking_a_medicine

    assert about_taking_a_medicine(text) is about


@pytest.mark.parametrize(
    ("text", "not_the_back"),
    [
        ("sorry I meant my neck, not my back", True),
        ("not my back, my knee", True),
        ("it's my hip not my lower back", True),
        ("my back, not my neck", False),
        ("about 3 weeks, not my knee though, that's fine", False),
        ("sorry, I meant for my knee, not my back", True),
        ("thats all about backs tho, im asking about my KNEE", True),
        ("I'm asking about my back", False),
    ],
)
def test_another_joint_put_right_for_the_back_is_read(text: str, not_the_back: bool) -> None:
    from clinic.scope import not_the_back_after_all

    assert not_the_back_after_all(text) is not_the_back


@pytest.mark.parametrize(
    ("text", "child"),
    [
        ("tweaked my back liftin my kid 3 days ago, prob like 3/10", False),
        ("hurt my back lifting my son", False),
        ("my kid hurt his back", True),
        ("I have my daughter, she is 9 and her back hurts", True),
    ],
)
def test_a_child_lifted_is_not_a_childs_back_pain(text: str, child: bool) -> None:
    from clinic.scope import about_a_child

    assert about_a_child(text) is child


def test_april_is_no_blood_pressure_medicine() -> None:
    from clinic.scope import _ANOTHER_CONDITIONS_MEDICINE, about_a_prescription

    text = "I have a herniated disc. Can I keep running? I'm training for a marathon in April"
    assert not about_a_prescription(text)
    assert _ANOTHER_CONDITIONS_MEDICINE.search(text) is None
    assert _ANOTHER_CONDITIONS_MEDICINE.search("is lisinopril ok with it?") is not None


@pytest.mark.parametrize(
    ("text", "child"),
    [
        ("5. no wait, when I bend to pick up my little one its more like an 8", False),
        ("it's worse when I lift my toddler into the car seat", False),
        ("my son is 8 and his back hurts", True),
    ],
)
def test_a_child_the_writer_lifts_is_not_the_patient(text: str, child: bool) -> None:
    assert about_a_child(text) is child


@pytest.mark.parametrize(
    ("text", "child"),
    [
        (
            "stiff lower back for years (desk job, two kids, you know how it is), any stretches?",
            False,
        ),
        ("mum of three kids here, my back aches", False),
        ("my two kids have back pain after football", True),
    ],
)
def test_children_told_as_the_writers_family_are_not_the_patient(text: str, child: bool) -> None:
    assert about_a_child(text) is child


@pytest.mark.parametrize(
    "text",
    [
        "can my mum talk about her hip at her back appointment?",
        "could I mention my knee too at the consultation",
    ],
)
def test_asking_to_bring_up_another_joint_at_the_appointment_is_about_that_joint(
    text: str,
) -> None:
    assert out_of_scope(text, set(), {"hip", "knee", "back"}) is Scope.OTHER_JOINT


def test_bringing_up_the_back_at_the_appointment_is_not_another_joint() -> None:
    assert out_of_scope("can I talk about my back at the appointment", set(), {"back"}) is None


def test_a_pet_alone_is_not_the_writers_body() -> None:
    from clinic.scope import only_about_an_animal

    assert only_about_an_animal("my dog is limping on his back leg, what's wrong with him")
    assert not only_about_an_animal("my dog knocked me over and now I can't feel my legs")

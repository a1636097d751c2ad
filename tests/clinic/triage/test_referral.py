from pathlib import Path

import pytest

from clinic.triage.red_flags import RedFlag
from clinic.triage.referral import (
    DURATION_REASON,
    NERVE_REASON,
    SEVERITY_REASON,
    CheckIn,
    ConsultationRecommended,
    Emergency,
    ReferralRules,
    ReferralRulesError,
    SelfCare,
    clinic_referral_rules,
    decide,
    load_referral_rules,
    summary_for_patient,
    summary_for_staff,
)
from clinic.triage.symptoms import NONE_REPORTED, NerveSymptoms

PROJECT_ROOT = Path(__file__).resolve().parents[3]
RULES = ReferralRules()
TINGLING_FOOT = NerveSymptoms(False, True, False, ("foot",))


def checkin(
    days: int | None = 5,
    severity: int | None = 3,
    nerve: NerveSymptoms | None = NONE_REPORTED,
    flags: tuple[RedFlag, ...] = (),
) -> CheckIn:
    return CheckIn(days, severity, nerve, flags, red_flags_asked=True)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (checkin(), SelfCare()),
        # "more than 3 weeks": 21 days is not, 22 is
        (checkin(days=21), SelfCare()),
        (checkin(days=22), ConsultationRecommended((DURATION_REASON,))),
        (checkin(days=365), ConsultationRecommended((DURATION_REASON,))),
        # severe from 7
        (checkin(severity=6), SelfCare()),
        (checkin(severity=7), ConsultationRecommended((SEVERITY_REASON,))),
        (checkin(severity=10), ConsultationRecommended((SEVERITY_REASON,))),
        (checkin(nerve=TINGLING_FOOT), ConsultationRecommended((NERVE_REASON,))),
        (
            checkin(nerve=NerveSymptoms(False, False, False, unspecified=True)),
            ConsultationRecommended((NERVE_REASON,)),
        ),
        (
            checkin(days=30, severity=8, nerve=TINGLING_FOOT),
            ConsultationRecommended((DURATION_REASON, SEVERITY_REASON, NERVE_REASON)),
        ),
        # unanswered questions meet no criterion
        (checkin(days=None, severity=None, nerve=None), SelfCare()),
        # a red flag wins over everything, in a fixed order
        (checkin(flags=(RedFlag.FEVER,)), Emergency((RedFlag.FEVER,))),
        (
            checkin(days=400, severity=10, nerve=TINGLING_FOOT, flags=(RedFlag.TRAUMA,)),
            Emergency((RedFlag.TRAUMA,)),
        ),
        (
            checkin(flags=(RedFlag.FEVER, RedFlag.BLADDER_BOWEL)),
            Emergency((RedFlag.BLADDER_BOWEL, RedFlag.FEVER)),
        ),
        # a "yes" to the red-flag question without a recognised flag is still an emergency
        (CheckIn(5, 3, NONE_REPORTED, (), True, red_flags_reported=True), Emergency(())),
    ],
)
def test_decide(answers: CheckIn, expected: object) -> None:
    assert decide(answers, RULES) == expected


def test_nerve_symptoms_can_be_switched_off() -> None:
    rules = ReferralRules(refer_on_nerve_symptoms=False)
    assert decide(checkin(nerve=TINGLING_FOOT), rules) == SelfCare()


@pytest.mark.parametrize(
    ("rules", "answers", "expected"),
    [
        (ReferralRules(min_days_for_referral=14), checkin(days=15), DURATION_REASON),
        (ReferralRules(min_days_for_referral=14), checkin(days=14), None),
        (ReferralRules(severe_from=5), checkin(severity=5), SEVERITY_REASON),
        (ReferralRules(severe_from=5), checkin(severity=4), None),
    ],
)
def test_thresholds_follow_the_rules(
    rules: ReferralRules, answers: CheckIn, expected: str | None
) -> None:
    decision = decide(answers, rules)
    if expected is None:
        assert decision == SelfCare()
    else:
        assert decision == ConsultationRecommended((expected,))


def test_the_shipped_rules_are_the_defaults() -> None:
    assert load_referral_rules(PROJECT_ROOT / "clinic_config" / "referral.yml") == ReferralRules()


def test_rules_load_from_yaml(tmp_path: Path) -> None:
    path = tmp_path / "referral.yml"
    path.write_text(
        "# staff comment\nmin_days_for_referral: 14\nsevere_from: 6\n"
        "refer_on_nerve_symptoms: false\n",
        encoding="utf-8",
    )
    assert load_referral_rules(path) == ReferralRules(14, 6, False)


def test_missing_keys_keep_their_defaults(tmp_path: Path) -> None:
    path = tmp_path / "referral.yml"
    path.write_text("severe_from: 8\n", encoding="utf-8")
    assert load_referral_rules(path) == ReferralRules(severe_from=8)
    path.write_text("", encoding="utf-8")
    assert load_referral_rules(path) == ReferralRules()


def test_the_clinic_rules_are_the_file_its_settings_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "referral.yml"
    path.write_text("severe_from: 6\n", encoding="utf-8")
    monkeypatch.setenv("REFERRAL_RULES_FILE", str(path))
    assert clinic_referral_rules() == ReferralRules(severe_from=6)
    # Read on each call: a staff edit applies to the next decision.
    path.write_text("severe_from: 9\n", encoding="utf-8")
    assert clinic_referral_rules() == ReferralRules(severe_from=9)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("min_days_for_referral: -3\n", "min_days_for_referral must be a whole number of days"),
        ("min_days_for_referral: 21.5\n", "min_days_for_referral must be a whole number"),
        ("min_days_for_referral: three weeks\n", "min_days_for_referral"),
        ("min_days_for_referral: true\n", "min_days_for_referral"),
        ("severe_from: 11\n", "severe_from must be a whole number on the 0-10 pain scale"),
        ("severe_from: -1\n", "severe_from"),
        ('severe_from: "7"\n', "severe_from"),
        ("refer_on_nerve_symptoms: 1\n", "refer_on_nerve_symptoms must be true or false"),
        ("severe_form: 7\n", "unknown settings: severe_form"),
        ("- 21\n- 7\n", "must hold key: value settings"),
        ("severe_from: [7\n", "is not valid YAML"),
    ],
)
def test_bad_values_raise_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "referral.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReferralRulesError, match=message) as error:
        load_referral_rules(path)
    assert str(path) in str(error.value)


def test_a_missing_file_raises_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReferralRulesError, match="cannot read referral rules"):
        load_referral_rules(tmp_path / "nope.yml")


def test_bad_rules_in_code_raise_too() -> None:
    with pytest.raises(ReferralRulesError, match="min_days_for_referral"):
        ReferralRules(min_days_for_referral=-1)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            CheckIn(30, 8, TINGLING_FOOT, (), red_flags_asked=True),
            "Pain for 30 days; severity 8/10; tingling in foot; red flags asked and denied; "
            "outcome: consultation recommended; reasons: "
            + " ".join((DURATION_REASON, SEVERITY_REASON, NERVE_REASON)),
        ),
        (
            CheckIn(1, 2, NONE_REPORTED, (), red_flags_asked=True),
            "Pain for 1 day; severity 2/10; no numbness, tingling or weakness; "
            "red flags asked and denied; outcome: self-care advice given",
        ),
        (
            CheckIn(None, None, None, (RedFlag.FEVER, RedFlag.TRAUMA), red_flags_asked=False),
            "Duration not given; severity not given; nerve symptoms not given; "
            "RED FLAGS: back pain after a fall or accident, back pain with a fever; "
            "outcome: emergency advice given",
        ),
        (
            CheckIn(3, 4, NerveSymptoms(True, True, True, ("leg", "foot")), ()),
            "Pain for 3 days; severity 4/10; numbness, tingling and weakness in leg, foot; "
            "red flags not asked; outcome: consultation recommended; reasons: " + NERVE_REASON,
        ),
        (
            CheckIn(3, 4, NerveSymptoms(False, False, False, unspecified=True), (), True),
            "Pain for 3 days; severity 4/10; numbness, tingling or weakness (not specified); "
            "red flags asked and denied; outcome: consultation recommended; reasons: "
            + NERVE_REASON,
        ),
        (
            CheckIn(5, 3, NONE_REPORTED, (), True, red_flags_reported=True),
            "Pain for 5 days; severity 3/10; no numbness, tingling or weakness; "
            "RED FLAGS: reported, not specified; outcome: emergency advice given",
        ),
    ],
)
def test_summary_for_staff(answers: CheckIn, expected: str) -> None:
    assert summary_for_staff(answers, decide(answers, RULES)) == expected


def test_every_red_flag_has_a_description() -> None:
    assert all(flag.description for flag in RedFlag)


def test_what_the_patient_told_is_summed_up_for_them_to_pass_on() -> None:
    told = CheckIn(
        duration_days=35,
        severity=3,
        nerve_symptoms=NerveSymptoms(False, True, False, ("foot",)),
        red_flags_asked=True,
    )
    assert summary_for_patient(told) == (
        "Pain for about 5 weeks; about 3 out of 10; tingling in your foot; "
        "none of the warning signs"
    )
    assert summary_for_patient(CheckIn(duration_days=3)) == "Pain for 3 days"
    assert summary_for_patient(CheckIn()) is None


def test_a_relatives_or_a_painless_check_in_is_summed_up_in_its_own_words() -> None:
    told = CheckIn(
        duration_days=70,
        severity=0,
        nerve_symptoms=NerveSymptoms(False, False, True, ("leg",)),
    )
    assert summary_for_patient(told, whose="their", complaint="stiffness") == (
        "Stiffness for about 2 months; pain about 0 out of 10; weakness in their leg"
    )


def test_a_long_duration_with_no_pain_at_all_meets_no_criterion() -> None:
    # A click or stiffness for months, told with a pain score of 0.
    assert decide(CheckIn(duration_days=150, severity=0), ReferralRules()) == SelfCare()
    assert isinstance(
        decide(CheckIn(duration_days=150, severity=1), ReferralRules()), ConsultationRecommended
    )


def test_how_bad_told_in_words_is_quoted_not_turned_into_a_score() -> None:
    told = CheckIn(duration_days=365, severity=5, red_flags_asked=True)
    assert summary_for_patient(told, severity_words="quite bad when walking") == (
        'Pain for about 12 months; how bad, in your words: "quite bad when walking"; '
        "none of the warning signs"
    )

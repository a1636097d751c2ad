"""Decide between emergency advice, a consultation and self-care, from the check-in.

The clinic's article gives the consultation criteria: see a specialist if the discomfort
persists for more than a few weeks or the pain is severe, and report numbness, tingling
or weakness in the limbs. Red flags come first: they need urgent care, not an
appointment. The thresholds live in clinic_config/referral.yml so clinic staff can
change them without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from clinic.settings import load_clinic_settings
from clinic.triage.red_flags import RedFlag
from clinic.triage.symptoms import NerveSymptoms

DURATION_REASON = "The pain has lasted more than a few weeks."
SEVERITY_REASON = "The pain is severe."
NERVE_REASON = "Numbness, tingling or weakness is something the clinic asks patients to report."
STIFFNESS_DURATION_REASON = "It has been going on for more than a few weeks."


def worded_for_stiffness(reasons: tuple[str, ...]) -> tuple[str, ...]:
    """The reasons said to a patient who told of stiffness or a click, not pain (same rule)."""
    return tuple(
        STIFFNESS_DURATION_REASON if reason == DURATION_REASON else reason for reason in reasons
    )


class ReferralRulesError(ValueError):
    """clinic_config/referral.yml is missing, unreadable or holds an unusable value."""


@dataclass(frozen=True)
class ReferralRules:
    """When to recommend a consultation.

    `min_days_for_referral` is the longest pain that does not yet count: 21 means "more
    than 3 weeks", so 22 days refers and 21 does not.
    """

    min_days_for_referral: int = 21
    severe_from: int = 7
    refer_on_nerve_symptoms: bool = True

    def __post_init__(self) -> None:
        days = self.min_days_for_referral
        if not _is_int(days) or days < 0:
            raise ReferralRulesError(
                f"min_days_for_referral must be a whole number of days, 0 or more, got {days!r}"
            )
        if not _is_int(self.severe_from) or not 0 <= self.severe_from <= 10:
            raise ReferralRulesError(
                "severe_from must be a whole number on the 0-10 pain scale, "
                f"got {self.severe_from!r}"
            )
        if not isinstance(self.refer_on_nerve_symptoms, bool):
            raise ReferralRulesError(
                "refer_on_nerve_symptoms must be true or false, "
                f"got {self.refer_on_nerve_symptoms!r}"
            )


@dataclass(frozen=True)
class CheckIn:
    """The patient's answers; None or empty where a question was not answered.

    `red_flags_reported` is a "yes" to the red-flag question without a recognised flag:
    it is still an emergency, since the patient says they have one of them.
    """

    duration_days: int | None = None
    severity: int | None = None
    nerve_symptoms: NerveSymptoms | None = None
    red_flags: tuple[RedFlag, ...] = ()
    red_flags_asked: bool = False
    red_flags_reported: bool = False


@dataclass(frozen=True)
class Emergency:
    """Send the patient to urgent care now, because of these red flags (empty: unnamed)."""

    flags: tuple[RedFlag, ...]


@dataclass(frozen=True)
class ConsultationRecommended:
    """Recommend booking a consultation, for these reasons (plain words, for the patient)."""

    reasons: tuple[str, ...]


@dataclass(frozen=True)
class SelfCare:
    """No criterion met: self-care advice, and when to come back."""


TriageDecision = Emergency | ConsultationRecommended | SelfCare


def load_referral_rules(path: Path) -> ReferralRules:
    """Read the rules from a YAML file; a missing key keeps its default.

    Unknown keys are refused so a misspelt setting cannot be silently ignored.
    """
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ReferralRulesError(f"cannot read referral rules from {path}: {error}") from error
    except yaml.YAMLError as error:
        raise ReferralRulesError(f"{path} is not valid YAML: {error}") from error
    if content is None:
        content = {}
    if not isinstance(content, dict):
        raise ReferralRulesError(f"{path} must hold key: value settings, got {content!r}")
    known = {field.name for field in fields(ReferralRules)}
    unknown = sorted(str(key) for key in content if key not in known)
    if unknown:
        raise ReferralRulesError(
            f"{path} has unknown settings: {', '.join(unknown)} (known: {', '.join(sorted(known))})"
        )
    try:
        return ReferralRules(**content)
    except ReferralRulesError as error:
        raise ReferralRulesError(f"{path}: {error}") from error


def clinic_referral_rules() -> ReferralRules:
    """The rules in the file the clinic's settings name, read when a decision needs them.

    Read on each call, not cached, so staff edits to the file apply without a restart.
    """
    return load_referral_rules(load_clinic_settings().referral_rules_file)


def decide(checkin: CheckIn, rules: ReferralRules) -> TriageDecision:
    """Any red flag, named or not, means emergency; otherwise each criterion met is a reason.

    An unanswered question meets no criterion; the form asks every question first.
    """
    if checkin.red_flags or checkin.red_flags_reported:
        return Emergency(tuple(flag for flag in RedFlag if flag in checkin.red_flags))
    reasons = []
    # The article's reason is pain that lasts: a click or stiffness told with no pain at
    # all (a score of 0) meets it only once pain comes with it.
    if (
        checkin.duration_days is not None
        and checkin.duration_days > rules.min_days_for_referral
        and checkin.severity != 0
    ):
        reasons.append(DURATION_REASON)
    if checkin.severity is not None and checkin.severity >= rules.severe_from:
        reasons.append(SEVERITY_REASON)
    nerve = checkin.nerve_symptoms
    if rules.refer_on_nerve_symptoms and nerve is not None and nerve.present:
        reasons.append(NERVE_REASON)
    if reasons:
        return ConsultationRecommended(tuple(reasons))
    return SelfCare()


def summary_for_staff(checkin: CheckIn, decision: TriageDecision) -> str:
    """A one-line hand-off for clinic staff: the answers, then the outcome and why."""
    parts = [
        _duration_text(checkin.duration_days),
        "severity not given" if checkin.severity is None else f"severity {checkin.severity}/10",
        _nerve_text(checkin.nerve_symptoms),
        _red_flag_text(checkin),
    ]
    if isinstance(decision, Emergency):
        parts.append("outcome: emergency advice given")
    elif isinstance(decision, ConsultationRecommended):
        parts.append("outcome: consultation recommended")
        parts.append("reasons: " + " ".join(decision.reasons))
    else:
        parts.append("outcome: self-care advice given")
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def summary_for_patient(
    checkin: CheckIn,
    *,
    whose: str = "your",
    complaint: str = "pain",
    severity_words: str | None = None,
) -> str | None:
    """What the patient told the check-in, in their words' order, to pass on to a doctor.

    "Pain for about 5 weeks; about 3 out of 10; tingling in your foot; none of the warning
    signs". None when nothing was told. Red flags are never summed up here: they get the
    urgent advice instead. `whose` is "their" for a relative's pain; `complaint` names it
    ("stiffness" when there was no pain). `severity_words`: how bad, in the patient's
    words, when they gave no score; quoted rather than turned into a number.
    """
    parts: list[str] = []
    if checkin.duration_days is not None:
        parts.append(f"{complaint} for " + _about_how_long(checkin.duration_days))
    if checkin.severity is not None and severity_words:
        parts.append(f'how bad, in {whose} words: "{severity_words}"')
    elif checkin.severity is not None:
        score = f"about {checkin.severity} out of 10"
        parts.append(score if complaint == "pain" else f"pain {score}")
    symptoms = checkin.nerve_symptoms
    if symptoms is not None:
        parts.append(_nerve_text(symptoms).replace(" in ", f" in {whose} ", 1))
    if checkin.red_flags_asked and not (checkin.red_flags or checkin.red_flags_reported):
        parts.append("none of the warning signs")
    if not parts:
        return None
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def _about_how_long(days: int) -> str:
    if days >= 60:
        return f"about {round(days / 30)} months"
    if days >= 14:
        return f"about {round(days / 7)} weeks"
    return f"{days} day" + ("" if days == 1 else "s")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _duration_text(days: int | None) -> str:
    if days is None:
        return "duration not given"
    return f"pain for {days} day" + ("" if days == 1 else "s")


def _nerve_text(symptoms: NerveSymptoms | None) -> str:
    if symptoms is None:
        return "nerve symptoms not given"
    named = [
        name
        for name, present in (
            ("numbness", symptoms.numbness),
            ("tingling", symptoms.tingling),
            ("weakness", symptoms.weakness),
        )
        if present
    ]
    if not named and not symptoms.unspecified:
        return "no numbness, tingling or weakness"
    if named:
        what = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    else:
        what = "numbness, tingling or weakness (not specified)"
    if symptoms.locations:
        what += " in " + ", ".join(symptoms.locations)
    return what


def _red_flag_text(checkin: CheckIn) -> str:
    if checkin.red_flags:
        flags = [flag for flag in RedFlag if flag in checkin.red_flags]
        return "RED FLAGS: " + ", ".join(flag.description for flag in flags)
    if checkin.red_flags_reported:
        return "RED FLAGS: reported, not specified"
    return "red flags asked and denied" if checkin.red_flags_asked else "red flags not asked"

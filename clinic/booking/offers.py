"""How offered times are shown to patients: "Tuesday 1 December at 9:30am", button titles."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from clinic.dates import DAY_NAMES, MONTH_NAMES


def describe_slot(start: dt.datetime) -> str:
    """A slot's start as patients say it: "Tuesday 1 December at 9:30am", "... at 12pm".

    Written out by hand, not with strftime, so it is English and has no leading zeros
    whatever the server's locale.
    """
    weekday = DAY_NAMES[start.weekday()].title()
    month = MONTH_NAMES[start.month - 1].title()
    return f"{weekday} {start.day} {month} at {clock_text(start)}"


def clock_text(start: dt.datetime | dt.time) -> str:
    """The clock as patients write it: "9:30am", "12pm", "5:05pm"."""
    hour = start.hour % 12 or 12
    minutes = f":{start.minute:02d}" if start.minute else ""
    return f"{hour}{minutes}{'am' if start.hour < 12 else 'pm'}"


MAX_OFFER_TITLE = 60
"""The longest button title `describe_offer` gives: buttons cut longer ones on some channels."""
_NAME_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor"})


def describe_offer(
    start: dt.datetime, clinician: str, role: str, *, full_name: bool = False
) -> str:
    """A button title for an offered time: "Tue 8 Dec, 9:30am - Dr Okafor (consultant)".

    `start` is shown as it is (convert it to the clinic's zone first). A name that begins
    with a title is shortened to the title and surname ("Dr Ngozi Okafor" is "Dr Okafor";
    "Rhian Hughes" stays whole) unless `full_name`. `role` is the role as buttons name it
    (the schedule's `short_role`, such as "consultant"; empty for none). A title never
    exceeds MAX_OFFER_TITLE characters: a longer one has its role cut to the last word
    ("sports and exercise medicine doctor" to "doctor"), then left out, then the name cut
    with an ellipsis. Offers shown together should be titled by `offer_titles`, which
    keeps their titles apart.
    """
    month = MONTH_NAMES[start.month - 1][:3].title()
    when = f"{DAY_NAMES[start.weekday()][:3].title()} {start.day} {month}, {clock_text(start)}"
    who = " ".join(clinician.split()) if full_name else _short_name(clinician)
    roles = [" ".join(role.split())]
    if len(roles[0].split()) > 1:
        roles.append(roles[0].split()[-1])
    candidates = [_offer_title(when, who, one_role) for one_role in roles if one_role]
    candidates.append(_offer_title(when, who, ""))
    for candidate in candidates:
        if len(candidate) <= MAX_OFFER_TITLE:
            return candidate
    return candidates[-1][: MAX_OFFER_TITLE - 1].rstrip() + "\u2026"


def _offer_title(when: str, who: str, role: str) -> str:
    label = f"{who} ({role})" if who and role else who or role
    return f"{when} - {label}" if label else when


def _short_name(name: str) -> str:
    """Title and surname ("Dr Okafor" for "Dr Ngozi Okafor"); a name without a title is whole."""
    words = name.split()
    if len(words) > 2 and words[0].lower().rstrip(".") in _NAME_TITLES:
        return f"{words[0]} {words[-1]}"
    return " ".join(words)


def offer_titles(offers: Sequence[tuple[dt.datetime, str, str]]) -> list[str]:
    """Titles for offers shown together, (start, clinician, role) each, all different.

    Each is `describe_offer`'s; where two would read the same ("Dr Ann Smith" and
    "Dr Bob Smith" at 9am), those use full names, and any still alike are numbered.
    """
    titles = [describe_offer(start, name, role) for start, name, role in offers]
    short_counts = Counter(titles)
    titles = [
        describe_offer(start, name, role, full_name=True) if short_counts[title] > 1 else title
        for title, (start, name, role) in zip(titles, offers, strict=True)
    ]
    counts = Counter(titles)
    numbered: Counter[str] = Counter()
    result = []
    for title in titles:
        if counts[title] > 1:
            numbered[title] += 1
            suffix = f" #{numbered[title]}"
            title = title[: MAX_OFFER_TITLE - len(suffix)] + suffix
        result.append(title)
    return result


class _Timed(Protocol):
    @property
    def start(self) -> dt.datetime: ...


TimedT = TypeVar("TimedT", bound=_Timed)


def group_by_day(
    offers: Iterable[TimedT], zone: dt.tzinfo | None = None
) -> list[tuple[dt.date, list[TimedT]]]:
    """Offers (anything with an aware `start`, such as slots) by the day they start on.

    Days and the offers in each are soonest first; days are counted in `zone` (the clinic's)
    when given, else in each start's own zone.
    """
    by_day: dict[dt.date, list[TimedT]] = {}
    for offer in sorted(offers, key=lambda item: item.start):
        local = offer.start.astimezone(zone) if zone is not None else offer.start
        by_day.setdefault(local.date(), []).append(offer)
    return list(by_day.items())


LATEST_SPAN = dt.timedelta(hours=1)
"""How far before a day's last free start "the latest you have" still reaches."""


def latest_of_each_day(offers: Iterable[TimedT], zone: dt.tzinfo | None = None) -> list[TimedT]:
    """For "what's the latest you have on Thursday?": each day's last hour of offers.

    The offers are otherwise shown soonest first, which would put a late-closing day's
    earliest evening times first and never reach the latest.
    """
    kept: list[TimedT] = []
    for _, on_day in group_by_day(offers, zone):
        last = on_day[-1].start
        kept.extend(offer for offer in on_day if offer.start >= last - LATEST_SPAN)
    return kept


def distinct_times_first(offers: Sequence[tuple[dt.datetime, str]]) -> list[int]:
    """The order to offer (start, clinician) pairs in: distinct times first.

    Offers are shown a few at a time, so three clinicians free at 5pm would fill a page
    with one time. Each round takes one offer per start time, soonest first, with the
    clinician shown least so far (then by name); the next round the other clinicians.
    Returns indices into `offers`.
    """
    by_start: dict[dt.datetime, list[int]] = {}
    for index in sorted(range(len(offers)), key=lambda i: (offers[i][0], offers[i][1])):
        by_start.setdefault(offers[index][0], []).append(index)
    order: list[int] = []
    shown: Counter[str] = Counter()
    while len(order) < len(offers):
        for waiting in by_start.values():
            if not waiting:
                continue
            pick = min(waiting, key=lambda i: (shown[offers[i][1]], offers[i][1]))
            waiting.remove(pick)
            order.append(pick)
            shown[offers[pick][1]] += 1
    return order

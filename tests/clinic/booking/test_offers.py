import datetime as dt
from dataclasses import dataclass

from clinic.booking.offers import distinct_times_first, latest_of_each_day


@dataclass(frozen=True)
class _Offer:
    start: dt.datetime


def test_each_page_of_offers_shows_different_times_first() -> None:
    five, half_five, six = (
        dt.datetime(2026, 12, 10, h, m) for h, m in ((17, 0), (17, 30), (18, 0))
    )
    offers = [
        (five, "Dr Okafor"),
        (five, "Rhian Hughes"),
        (five, "Dr Lindqvist"),
        (half_five, "Dr Okafor"),
        (half_five, "Dr Lindqvist"),
        (six, "Rhian Hughes"),
    ]
    order = distinct_times_first(offers)
    shown = [offers[index] for index in order]
    assert [start for start, _ in shown[:3]] == [five, half_five, six]
    assert len({name for _, name in shown[:3]}) == 3, "a different clinician for each"
    assert sorted(order) == list(range(len(offers))), "every offer comes in the end"
    assert distinct_times_first([]) == []


def test_the_latest_of_each_day_is_its_last_hour_of_offers() -> None:
    utc = dt.timezone.utc
    thursday = [
        _Offer(dt.datetime(2026, 12, 10, h, m, tzinfo=utc)) for h in (16, 17, 18) for m in (0, 30)
    ]
    monday = [_Offer(dt.datetime(2026, 12, 7, h, 0, tzinfo=utc)) for h in (9, 15, 16)]
    kept = latest_of_each_day([*thursday, *monday], utc)
    assert [o.start.strftime("%a %H:%M") for o in kept] == [
        "Mon 15:00",
        "Mon 16:00",
        "Thu 17:30",
        "Thu 18:00",
        "Thu 18:30",
    ]
    assert latest_of_each_day([]) == []

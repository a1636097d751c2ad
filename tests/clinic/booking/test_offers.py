import datetime as dt

from clinic.booking.offers import distinct_times_first


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

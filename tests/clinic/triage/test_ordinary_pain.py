import pytest

from clinic.triage.ordinary_pain import tells_only_ordinary_pain


@pytest.mark.parametrize(
    ("text", "ordinary"),
    [
        ("ok english. back pain 2 weeks, leg pain very much", True),
        ("Back pain 3/10 for two weeks, worse when sitting. What can I do?", True),
        ("severe back pain, can't walk", False),  # a negation: read further
        ("back pain in both legs", False),
        ("sudden severe back pain", False),
        ("worst back pain of my life", False),
        ("back pain at night", False),
        ("back pain and my foot is numb", False),  # another symptom
        ("my back is stiff", False),  # no pain said: nothing to set aside
        ("", False),
    ],
)
def test_only_where_how_long_and_how_bad(text: str, ordinary: bool) -> None:
    assert tells_only_ordinary_pain(text) is ordinary

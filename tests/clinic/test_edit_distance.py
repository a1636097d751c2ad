from clinic.edit_distance import edit_distance


def test_letters_changed_inserted_or_deleted() -> None:
    assert edit_distance("rahman", "rehman") == 1
    assert edit_distance("cole", "com") == 2
    assert edit_distance("", "abc") == 3


def test_a_swap_of_neighbours_is_one_edit_only_when_asked() -> None:
    assert edit_distance("tinlging", "tingling") == 2
    assert edit_distance("tinlging", "tingling", swaps=True) == 1

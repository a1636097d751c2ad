"""How many letters two words are apart: for words typed with a slip of the finger."""

from __future__ import annotations


def edit_distance(a: str, b: str, *, swaps: bool = False) -> int:
    """Letters inserted, deleted or changed to turn `a` into `b`.

    With `swaps`, two neighbouring letters typed the wrong way round ("tinlging") count as
    one edit, not two.
    """
    rows = [list(range(len(b) + 1))]
    for i, char_a in enumerate(a, 1):
        row = [i]
        for j, char_b in enumerate(b, 1):
            cost = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (char_a != char_b))
            if swaps and i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                cost = min(cost, rows[-2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]

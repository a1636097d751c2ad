"""Number words that patients type instead of digits, shared by the free-text parsers."""

ONE_TO_TWELVE: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

ONE_TO_TEN = "|".join(word for word, number in ONE_TO_TWELVE.items() if number <= 10)
"""The words for one to ten, as alternatives for a regular expression."""

from pathlib import Path

import pytest

from clinic.contact import ContactFileError, load_contact
from clinic.settings import PROJECT_ROOT


def test_the_clinics_contact_file_loads() -> None:
    contact = load_contact(PROJECT_ROOT / "clinic_config" / "contact.yml")
    assert contact.phone and contact.hours and contact.address


@pytest.mark.parametrize(
    ("content", "message"),
    [("phone: '1'\nhours: 'x'\n", "'address' is missing"), ("phone: [", "Cannot read")],
)
def test_a_broken_contact_file_says_what_is_wrong(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "contact.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ContactFileError, match=message):
        load_contact(path)


def test_a_missing_contact_file_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(ContactFileError, match=r"contact\.yml"):
        load_contact(tmp_path / "contact.yml")

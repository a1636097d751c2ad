"""The PostgreSQL test helper explains a missing server instead of skipping."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scheduling_service.postgres import PostgresUnavailableError, find_bin_dir


def test_missing_binaries_are_explained(tmp_path: Path) -> None:
    with pytest.raises(PostgresUnavailableError, match="apt-get install -y postgresql"):
        find_bin_dir(str(tmp_path / "*" / "bin"))


def test_the_newest_installed_version_is_used(tmp_path: Path) -> None:
    for version in ("9.6", "15", "13"):
        bin_dir = tmp_path / version / "bin"
        bin_dir.mkdir(parents=True)
        (bin_dir / "initdb").touch()
        (bin_dir / "pg_ctl").touch()
    assert find_bin_dir(str(tmp_path / "*" / "bin")) == tmp_path / "15" / "bin"

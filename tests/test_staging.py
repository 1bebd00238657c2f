"""Outputs are moved into place complete, with the permissions any new directory gets."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from abscopal.staging import staged_directory


@pytest.mark.parametrize("mask", [0o022, 0o027])
def test_an_output_directory_gets_the_mode_of_the_umask(tmp_path: Path, mask: int) -> None:
    previous = os.umask(mask)
    try:
        with staged_directory(tmp_path / "results") as staging:
            (staging / "summary.json").write_text("{}")
    finally:
        os.umask(previous)
    mode = stat.S_IMODE((tmp_path / "results").stat().st_mode)
    assert mode == 0o777 & ~mask  # 0755 or 0750: readable by the group, not 0700
    assert stat.S_IMODE((tmp_path / "results" / "summary.json").stat().st_mode) == 0o666 & ~mask


def test_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), staged_directory(tmp_path / "results") as staging:
        (staging / "part.csv").write_text("a")
        raise RuntimeError("disk full")
    assert list(tmp_path.iterdir()) == []


def test_two_writers_of_one_file_stage_apart_and_the_file_is_readable(tmp_path: Path) -> None:
    from abscopal.staging import staged_file

    target = tmp_path / "program.bin"
    previous = os.umask(0o022)
    try:
        with staged_file(target) as first, staged_file(target) as second:
            assert first != second and first.parent == second.parent == tmp_path
            first.write_bytes(b"one")
            second.write_bytes(b"two")
    finally:
        os.umask(previous)
    assert target.read_bytes() == b"one"  # the outer writer finished last
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert sorted(item.name for item in tmp_path.iterdir()) == ["program.bin"]

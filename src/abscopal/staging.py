"""Outputs that are only ever seen complete: a file or a directory is written beside its final
place and moved there in one step when the writing succeeded; on an error nothing is left."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

from abscopal.errors import InputError

MAX_NAME_BYTES = 255  # the longest file name common file systems accept


class OutputPathError(InputError):
    """An output destination that cannot be written; ``field`` names the option."""


def _nearest_existing(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists() or candidate.is_symlink():
            return candidate
    return Path(".")


def _named(path: str | Path, option: str, kind: str) -> Path:
    """The path, refused when its name is empty or a part is longer than file systems accept."""
    text = str(path)
    if not text.strip():
        raise OutputPathError(option, f"give a {kind} name (it was empty)")
    for part in Path(text).parts:
        if len(part.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES:
            raise OutputPathError(
                option, f"the name {part[:40]}... is longer than {MAX_NAME_BYTES} bytes"
            )
    return Path(text)


def _check_creatable(directory: Path, option: str) -> None:
    """Create and remove a probe in ``directory``: the one test that catches read-only file
    systems, /proc and missing permissions alike."""
    try:
        tempfile.TemporaryDirectory(prefix=".abscopal-probe-", dir=directory).cleanup()
    except OSError as error:
        raise OutputPathError(
            option, f"cannot create files in {directory}: {error.strerror or error}"
        ) from None


def _staging_leftover(name: str, directory_name: str) -> bool:
    """A file the staging helpers write beside their target (``.NAME.tmp``) or a staged
    directory (``.DIR.partial-...``), left by an interrupted run."""
    return name.startswith(".") and (
        name.endswith(".tmp") or name.startswith(f".{directory_name}.partial-")
    )


def check_output_directory(
    directory: str | Path, produces: Collection[str], option: str = "-o/--output"
) -> Path:
    """Refuse, before any work, an output directory that cannot receive the outputs: an empty
    name, an existing file or a path below one, an over-long name, an existing directory that
    holds anything but earlier copies of ``produces`` (the outputs would mix with foreign
    files), or a place where nothing can be created (read-only, /proc, no permission). Returns
    the path. A full disk is only found when writing; :func:`staged_directory` then leaves
    nothing behind."""
    path = _named(directory, option, "directory")
    existing = _nearest_existing(path)
    if existing == path and not path.is_dir():
        raise OutputPathError(option, f"{path} is an existing file; give a directory")
    if existing != path and not existing.is_dir():
        raise OutputPathError(option, f"{path} lies below {existing}, which is a file")
    if existing == path:
        foreign = sorted(
            item.name
            for item in path.iterdir()
            if item.name not in produces and not _staging_leftover(item.name, path.name)
        )
        if foreign:
            raise OutputPathError(
                option,
                f"{path} already holds other files ({', '.join(foreign[:3])}"
                f"{', ...' if len(foreign) > 3 else ''}); give a new directory or one with "
                "earlier outputs only",
            )
    _check_creatable(path if existing == path else existing, option)
    return path


def check_output_file(path: str | Path, option: str = "-o/--output") -> Path:
    """Refuse, before any work, an output file that cannot be written: an empty or over-long
    name, an existing directory, a path below a file or a missing directory, or a place where
    nothing can be created. Returns the path; an existing file is replaced atomically."""
    target = _named(path, option, "file")
    if target.is_dir():
        raise OutputPathError(option, f"{target} is a directory; give a file name")
    parent = target.parent
    if not parent.exists():
        existing = _nearest_existing(parent)
        if existing.exists() and not existing.is_dir():
            raise OutputPathError(option, f"{target} lies below {existing}, which is a file")
        raise OutputPathError(option, f"the directory {parent} does not exist")
    if not parent.is_dir():
        raise OutputPathError(option, f"{target} lies below {parent}, which is a file")
    _check_creatable(parent, option)
    return target


def _process_umask() -> int:
    """The file-creation mask of this process (read without changing it where the system
    reports it; elsewhere set and restored at once)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def staged_directory(directory: str | Path) -> Iterator[Path]:
    """Yield a temporary sibling of ``directory``; on success move its files into place.

    On any error the temporary directory is removed and ``directory`` is left as it was.
    """
    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.partial-", dir=directory.parent))
    # mkdtemp makes the directory private (0700); the outputs get the mode any new directory
    # gets, so a group that shares the results can read them
    staging.chmod(0o777 & ~_process_umask())
    try:
        yield staging
        if directory.exists():
            for item in staging.iterdir():
                os.replace(item, directory / item.name)
            staging.rmdir()
        else:
            staging.rename(directory)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


@contextmanager
def staged_file(path: str | Path) -> Iterator[Path]:
    """Yield a temporary sibling of ``path`` (``.NAME.<random>.tmp``) to write; on success it
    replaces ``path`` atomically, on any error it is removed and ``path`` is left as it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # a name of its own (``.NAME.<random>.tmp``): two writers of the same file (threads of the
    # server, processes of a cluster) never share or delete each other's staged file
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    staged = Path(name)
    staged.chmod(0o666 & ~_process_umask())  # mkstemp makes it private; outputs are not
    try:
        yield staged
        os.replace(staged, path)
    finally:
        staged.unlink(missing_ok=True)


def write_text_atomically(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through :func:`staged_file`."""
    with staged_file(path) as staged:
        staged.write_text(text, encoding="utf-8")

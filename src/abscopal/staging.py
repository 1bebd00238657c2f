"""Outputs that are only ever seen complete: a file or a directory is written beside its final
place and moved there in one step when the writing succeeded; on an error nothing is left."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staged_directory(directory: str | Path) -> Iterator[Path]:
    """Yield a temporary sibling of ``directory``; on success move its files into place.

    On any error the temporary directory is removed and ``directory`` is left as it was.
    """
    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.partial-", dir=directory.parent))
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
    """Yield a temporary sibling of ``path`` (``.NAME.tmp``) to write; on success it replaces
    ``path`` atomically, on any error it is removed and ``path`` is left as it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    staged = path.with_name(f".{path.name}.tmp")
    try:
        yield staged
        os.replace(staged, path)
    finally:
        staged.unlink(missing_ok=True)


def write_text_atomically(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through :func:`staged_file`."""
    with staged_file(path) as staged:
        staged.write_text(text, encoding="utf-8")

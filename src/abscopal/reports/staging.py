"""Write a directory of outputs so that it is only ever seen complete."""

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

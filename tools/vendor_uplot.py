"""Fetch uPlot from the npm registry and vendor it into the web explorer's static files.

Usage: ``python tools/vendor_uplot.py 1.6.32`` (needs ``npm``). Checks the tarball against the
registry's integrity hash, copies ``uPlot.iife.min.js``, ``uPlot.min.css`` and ``LICENSE``
unchanged and prints the SHA-256 lines to put in ``SOURCE.md``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "src/abscopal/web/static/vendor/uplot"
FILES = ("package/dist/uPlot.iife.min.js", "package/dist/uPlot.min.css", "package/LICENSE")


def main(version: str) -> int:
    with tempfile.TemporaryDirectory() as directory:
        packed = subprocess.run(
            ["npm", "pack", f"uplot@{version}", "--json"],
            cwd=directory,
            check=True,
            capture_output=True,
            text=True,
        )
        record = json.loads(packed.stdout)[0]
        tarball = Path(directory) / record["filename"]
        digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if record["integrity"] != f"sha512-{digest}":
            print("the tarball does not match the registry's integrity hash", file=sys.stderr)
            return 1
        with tarfile.open(tarball) as archive:
            archive.extractall(directory, members=[archive.getmember(name) for name in FILES])
        for name in FILES:
            shutil.copy(Path(directory) / name, TARGET / Path(name).name)
    print(f"uplot@{version} integrity {record['integrity']}")
    for name in FILES[:2]:
        path = TARGET / Path(name).name
        print(f"| `{path.name}` | `{hashlib.sha256(path.read_bytes()).hexdigest()}` |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "1.6.32"))

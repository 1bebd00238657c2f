"""Interactive web explorer (``abscopal serve``).

``create_app`` is imported on first use: the command line imports ``abscopal.web.guard`` to
check ``serve``'s options, and must not load the whole server (Starlette, the trial engine,
scipy.stats) for every other command.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from abscopal.web.app import create_app

        return create_app
    raise AttributeError(f"module 'abscopal.web' has no attribute {name!r}")

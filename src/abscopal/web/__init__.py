"""Interactive web explorer (``abscopal serve``)."""

from abscopal.web.app import create_app

__all__ = ["create_app"]

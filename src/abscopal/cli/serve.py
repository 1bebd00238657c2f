"""``abscopal serve [--host 127.0.0.1] [--port 8050]``: the interactive web explorer."""

from __future__ import annotations

import argparse
import ipaddress

from abscopal.cli.arguments import PORT
from abscopal.cli.errors import UsageError


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    parser = commands.add_parser("serve", help="start the interactive web explorer")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback)")
    parser.add_argument("--port", type=PORT, default=8050, help="port (default 8050)")
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    """Run the subcommand until interrupted."""
    if not 0 < arguments.port < 65536:
        raise UsageError(f"--port {arguments.port}: give a port between 1 and 65535")
    import uvicorn

    from abscopal.web import create_app

    try:
        loopback = ipaddress.ip_address(arguments.host).is_loopback
    except ValueError:
        loopback = arguments.host == "localhost"
    if not loopback:
        print(f"warning: serving on {arguments.host}, reachable from other machines; no login")
    print(f"abscopal web explorer on http://{arguments.host}:{arguments.port}/ (Ctrl-C to stop)")
    uvicorn.run(create_app(), host=arguments.host, port=arguments.port, log_level="warning")
    return 0

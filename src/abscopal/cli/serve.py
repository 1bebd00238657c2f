"""``abscopal serve [--host 127.0.0.1] [--port 8050] [--allowed-host NAME ...]``: the
interactive web explorer."""

from __future__ import annotations

import argparse
import ipaddress

from abscopal.cli.arguments import PORT
from abscopal.cli.errors import UsageError
from abscopal.web.guard import ANY_HOST, LOOPBACK_NAMES, host_name


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    parser = commands.add_parser("serve", help="start the interactive web explorer")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback)")
    parser.add_argument("--port", type=PORT, default=8050, help="port (default 8050)")
    parser.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a further host name the server answers to (repeatable; the Host header of every "
        "request is checked, against DNS rebinding); '*' answers to any",
    )
    parser.set_defaults(run=run)


def allowed_hosts(host: str, extra: list[str]) -> tuple[str, ...]:
    """The names a server bound to ``host`` answers to: the loopback names, the bound address
    itself and ``extra``; any name when bound to every interface with no name given."""
    for name in extra:
        bare = name.strip("[]")
        authority = f"[{bare}]" if ":" in bare else bare
        if name != ANY_HOST and host_name(authority) != bare.lower():
            raise UsageError(f"--allowed-host {name[:80]!r}: give a host name or address, no port")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None and address.is_unspecified and not extra:
        return (ANY_HOST,)
    return (*LOOPBACK_NAMES, host, *extra)


def run(arguments: argparse.Namespace) -> int:
    """Run the subcommand until interrupted."""
    if not 0 < arguments.port < 65536:
        raise UsageError(f"--port {arguments.port}: give a port between 1 and 65535")
    hosts = allowed_hosts(arguments.host, arguments.allowed_host)
    import uvicorn

    from abscopal.web import create_app

    try:
        loopback = ipaddress.ip_address(arguments.host).is_loopback
    except ValueError:
        loopback = arguments.host == "localhost"
    if not loopback:
        print(f"warning: serving on {arguments.host}, reachable from other machines; no login")
        if hosts == (ANY_HOST,):
            print("warning: answering to any Host name; name this machine with --allowed-host")
    print(f"abscopal web explorer on http://{arguments.host}:{arguments.port}/ (Ctrl-C to stop)")
    uvicorn.run(
        create_app(allowed_hosts=hosts),
        host=arguments.host,
        port=arguments.port,
        log_level="warning",
    )
    return 0

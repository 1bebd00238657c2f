"""The JSON body of an explorer request, read within bounds: never more than
:data:`~abscopal.web.limits.MAX_REQUEST_BYTES` held in memory, UTF-8 only, no nesting deeper
than the scenario reader accepts, integers of at most 64 bits, finite numbers only. Every
refusal is a :class:`RequestError` with a status and one line."""

from __future__ import annotations

import json
import math
from typing import Any

from starlette.requests import Request

from abscopal.errors import InputError
from abscopal.web.limits import MAX_REQUEST_BYTES
from abscopal.yaml_input import MAX_DEPTH, MAX_INTEGER

MAX_INTEGER_DIGITS = len(str(MAX_INTEGER))


class RequestError(InputError):
    """A bad request: answered with ``status`` (422 unless said) and ``{"field", "message"}``."""

    def __init__(self, field: str, message: str, status: int = 422) -> None:
        super().__init__(field, message)
        self.status = status


def _too_large() -> RequestError:
    return RequestError(
        "request", f"the request is larger than {MAX_REQUEST_BYTES // 1000} kB", status=413
    )


def _integer(text: str) -> int:
    value = int(text) if len(text.lstrip("-")) <= MAX_INTEGER_DIGITS else None
    if value is None or abs(value) > MAX_INTEGER:
        raise RequestError("request", f"an integer is larger than {MAX_INTEGER} (64 bits)")
    return value


def _number(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise RequestError("request", f"the number {text[:40]} is out of the finite range")
    return value


def _constant(text: str) -> float:
    raise RequestError("request", f"{text} is not a number JSON allows; give a finite number")


def _check_depth(data: Any) -> None:
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise RequestError("request", f"the request nests deeper than {MAX_DEPTH} levels")
            children = value.values() if isinstance(value, dict) else value
            pending.extend((child, depth + 1) for child in children)


def parse_body(raw: bytes) -> dict[str, Any]:
    """The request body as a JSON object (raises :class:`RequestError`)."""
    try:
        text = raw.decode("utf-8") if raw else "{}"
    except UnicodeDecodeError as error:
        raise RequestError(
            "request", f"the request body is not UTF-8 text (byte {error.start})"
        ) from None
    try:
        data = json.loads(text, parse_int=_integer, parse_float=_number, parse_constant=_constant)
    except json.JSONDecodeError:
        raise RequestError("request", "the request body is not JSON") from None
    except RecursionError:
        raise RequestError("request", f"the request nests deeper than {MAX_DEPTH} levels") from None
    if not isinstance(data, dict):
        raise RequestError("request", "the request body must be a JSON object")
    _check_depth(data)
    return data


async def read_body(request: Request) -> dict[str, Any]:
    """Read and parse the body, refusing it as soon as it passes the size limit (the declared
    ``Content-Length`` first, then the bytes as they arrive)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise RequestError("request", "the Content-Length header is not a number", 400)
        if int(declared) > MAX_REQUEST_BYTES:
            raise _too_large()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_REQUEST_BYTES:
            raise _too_large()
        chunks.append(chunk)
    return parse_body(b"".join(chunks))

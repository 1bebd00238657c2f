"""The web explorer: a Starlette app serving one static page and a small JSON API.

Why Starlette: an ASGI toolkit with no front-end framework of its own, so the page is plain HTML
and JavaScript that any browser runs, and the server holds no per-user state — every request
carries its scenario, so two browsers never see each other's patients. The API calls only the
public Python API (scenario validation, ``simulate``, ``Solution``) and never opens a file named
by a request: examples are read from the installed package by name from a fixed list.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import anyio
import yaml
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from abscopal import __version__
from abscopal.errors import InputError
from abscopal.scenario import ScenarioError
from abscopal.web import results
from abscopal.web.limits import LIMITS_TEXT, MAX_CONCURRENT_SOLVES, MAX_REQUEST_BYTES

STATIC = resources.files("abscopal.web") / "static"
EXAMPLES = (
    "nsclc_sbrt_pembrolizumab",
    "mouse_two_flank_8x3_ctla4",
    "hcc_y90_bone_metastasis",
    "conventional_lymphopenia",
)


class RequestError(InputError):
    """A bad request: answered with status 422 and ``{"field", "message"}``."""


def _error(field: str, message: str, status: int = 422) -> JSONResponse:
    return JSONResponse({"field": field, "message": message}, status_code=status)


async def _body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if len(raw) > MAX_REQUEST_BYTES:
        raise RequestError("request", f"the request is larger than {MAX_REQUEST_BYTES // 1000} kB")
    try:
        data = json.loads(raw or b"{}")
    except json.JSONDecodeError:
        raise RequestError("request", "the request body is not JSON") from None
    if not isinstance(data, dict):
        raise RequestError("request", "the request body must be a JSON object")
    return data


async def _solve(function: Any, *arguments: Any) -> Any:
    async with _SOLVES:
        return await anyio.to_thread.run_sync(function, *arguments)


_SOLVES = anyio.Semaphore(MAX_CONCURRENT_SOLVES)


def _with_prefix(prefix: str, error: ScenarioError) -> RequestError:
    field = error.field if not prefix else f"{prefix}.{error.field}"
    return RequestError(field, error.message)


async def index(request: Request) -> Response:
    with resources.as_file(STATIC / "index.html") as path:
        return FileResponse(path, media_type="text/html")


async def info(request: Request) -> Response:
    return JSONResponse({"version": __version__, "limits": LIMITS_TEXT, "examples": list(EXAMPLES)})


async def example(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in EXAMPLES:
        return _error("example", f"unknown example; give one of {', '.join(EXAMPLES)}", 404)
    text = (resources.files("abscopal.examples") / f"{name}.yaml").read_text(encoding="utf-8")
    return JSONResponse({"scenario": yaml.safe_load(text)})


async def simulate_endpoint(request: Request) -> Response:
    data = await _body(request)
    try:
        scenario = results.validated(data.get("scenario"))
        record = await _solve(results.run, scenario)
    except ScenarioError as error:
        raise _with_prefix("", error) from None
    return JSONResponse(record)


async def compare_endpoint(request: Request) -> Response:
    data = await _body(request)
    try:
        first = results.validated(data.get("a"))
    except ScenarioError as error:
        raise _with_prefix("a", error) from None
    try:
        second = results.validated(data.get("b"))
        record = await _solve(results.compare, first, second)
    except ScenarioError as error:
        raise _with_prefix("b" if not error.field.startswith("b.") else "", error) from None
    return JSONResponse(record)


async def parse_yaml_endpoint(request: Request) -> Response:
    data = await _body(request)
    text = data.get("yaml")
    if not isinstance(text, str):
        raise RequestError("file", "send the YAML text of a scenario")
    try:
        return JSONResponse({"scenario": results.parse_yaml(text)})
    except ScenarioError as error:
        raise _with_prefix("", error) from None


async def to_yaml_endpoint(request: Request) -> Response:
    data = await _body(request)
    try:
        scenario = results.validated(data.get("scenario"))
    except ScenarioError as error:
        raise _with_prefix("", error) from None
    return Response(
        results.scenario_yaml(scenario),
        media_type="application/x-yaml",
        headers={"Content-Disposition": f'attachment; filename="{scenario.name}.yaml"'},
    )


async def _request_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestError)
    return _error(error.field, error.message)


def create_app() -> Starlette:
    """The web explorer application."""
    with resources.as_file(STATIC) as directory:
        static = StaticFiles(directory=str(directory))
    return Starlette(
        routes=[
            Route("/", index),
            Route("/api/info", info),
            Route("/api/examples/{name}", example),
            Route("/api/simulate", simulate_endpoint, methods=["POST"]),
            Route("/api/compare", compare_endpoint, methods=["POST"]),
            Route("/api/parse-yaml", parse_yaml_endpoint, methods=["POST"]),
            Route("/api/to-yaml", to_yaml_endpoint, methods=["POST"]),
            Mount("/static", static, name="static"),
        ],
        exception_handlers={RequestError: _request_error},
    )

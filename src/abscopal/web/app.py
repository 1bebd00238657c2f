"""The web explorer: a Starlette app serving one static page and a small JSON API.

Why Starlette: an ASGI toolkit with no front-end framework of its own, so the page is plain HTML
and JavaScript that any browser runs, and the server holds no per-user state — every request
carries its scenario, so two browsers never see each other's patients. The API calls only the
public Python API (scenario validation, ``simulate``, ``Solution``) and never opens a file named
by a request: examples are read from the installed package by name from a fixed list.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from functools import partial
from importlib import resources
from typing import Any
from urllib.parse import quote

import anyio
import yaml
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from abscopal import __version__
from abscopal.scenario import Scenario, ScenarioError
from abscopal.simulation import solver_shape
from abscopal.web import results, trial_results
from abscopal.web.compiled_programs import ProgramBudget
from abscopal.web.guard import LOOPBACK_NAMES, RequestGuard
from abscopal.web.limits import LIMITS_TEXT, MAX_CONCURRENT_SOLVES
from abscopal.web.request_body import RequestError, read_body

STATIC = resources.files("abscopal.web") / "static"
HEADLINE_EXAMPLE = "nsclc_sbrt_pembrolizumab"
EXAMPLES = tuple(  # every scenario shipped in the package, the headline one first
    sorted(
        (
            item.name.removesuffix(".yaml")
            for item in resources.files("abscopal.examples").iterdir()
            if item.name.endswith(".yaml")
        ),
        key=lambda name: (name != HEADLINE_EXAMPLE, name),
    )
)


def _finite(value: Any) -> Any:
    """The value with every NaN or infinite number as None (JSON has neither; a solve that
    failed must still reach the page with its status)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


def _json(record: Any) -> JSONResponse:
    return JSONResponse(_finite(record))


def _error(field: str, message: str, status: int = 422) -> JSONResponse:
    return JSONResponse({"field": field, "message": message}, status_code=status)


async def _off_loop(function: Callable[..., Any], *arguments: Any) -> Any:
    """Run validation or parsing in a worker thread, so the event loop keeps answering."""
    return await anyio.to_thread.run_sync(partial(function, *arguments))


def _budgeted(
    budget: ProgramBudget, solved: Iterable[Scenario], function: Callable[..., Any], *arguments: Any
) -> Any:
    shapes = [solver_shape(scenario) for scenario in solved]
    return _budgeted_keys(budget, shapes, function, *arguments)


def _budgeted_keys(
    budget: ProgramBudget, keys: list[Any], function: Callable[..., Any], *arguments: Any
) -> Any:
    """``function(*arguments)`` once the compiled-program budget admits ``keys``."""
    with budget.admit(*keys):
        return function(*arguments)


async def _solve(request: Request, function: Callable[..., Any], *scenarios: Scenario) -> Any:
    """``function(*scenarios)`` in a worker, within the solve and compiled-program limits."""
    return await _solve_all(request, scenarios, function, *scenarios)


async def _solve_all(
    request: Request, solved: Iterable[Scenario], function: Callable[..., Any], *arguments: Any
) -> Any:
    """``function(*arguments)``, which solves the scenarios ``solved``, in a worker, within the
    solve and compiled-program limits."""
    async with request.app.state.solves:
        budget = request.app.state.program_budget
        return await _off_loop(_budgeted, budget, list(solved), function, *arguments)


def _attachment(filename: str) -> str:
    """``Content-Disposition`` for a download (RFC 6266): an ASCII fallback name and the exact
    name percent-encoded as UTF-8."""
    fallback = re.sub(r"[^A-Za-z0-9_.\-]", "_", filename)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _with_prefix(prefix: str, error: ScenarioError) -> RequestError:
    field = error.field if not prefix else f"{prefix}.{error.field}"
    return RequestError(field, error.message)


async def index(request: Request) -> Response:
    with resources.as_file(STATIC / "index.html") as path:
        return FileResponse(path, media_type="text/html")


async def info(request: Request) -> Response:
    return JSONResponse(
        {
            "version": __version__,
            "limits": LIMITS_TEXT,
            "trial_limits": trial_results.TRIAL_LIMITS_TEXT,
            "examples": list(EXAMPLES),
            "trial_examples": trial_results.trial_examples(),
        }
    )


async def trial_example(request: Request) -> Response:
    name = request.path_params["name"]
    known = trial_results.trial_examples()
    if name not in known:
        return _error("trial_example", f"unknown trial; give one of {', '.join(known)}", 404)
    return JSONResponse({"trial": trial_results.trial_example(name)})


async def trial_endpoint(request: Request) -> Response:
    data = await read_body(request)
    try:
        spec = await _off_loop(trial_results.validated_trial, data.get("trial"))
    except ScenarioError as error:
        raise _with_prefix("", error) from None
    try:
        async with request.app.state.solves:
            budget = request.app.state.program_budget
            keys = trial_results.program_keys(spec)
            record = await _off_loop(_budgeted_keys, budget, keys, trial_results.run_trial, spec)
    except ScenarioError as error:  # e.g. too few plausible virtual patients
        raise _with_prefix("", error) from None
    return _json(record)


async def example(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in EXAMPLES:
        return _error("example", f"unknown example; give one of {', '.join(EXAMPLES)}", 404)
    text = (resources.files("abscopal.examples") / f"{name}.yaml").read_text(encoding="utf-8")
    return JSONResponse({"scenario": yaml.safe_load(text)})


async def simulate_endpoint(request: Request) -> Response:
    data = await read_body(request)
    try:
        scenario = await _off_loop(results.validated, data.get("scenario"))
        record = await _solve(request, results.run, scenario)
    except ScenarioError as error:
        raise _with_prefix("", error) from None
    return _json(record)


async def compare_endpoint(request: Request) -> Response:
    data = await read_body(request)
    try:
        first = await _off_loop(results.validated, data.get("a"))
    except ScenarioError as error:
        raise _with_prefix("a", error) from None
    try:
        second = await _off_loop(results.validated, data.get("b"))
        record = await _solve(request, results.compare, first, second)
    except ScenarioError as error:
        raise _with_prefix("b" if not error.field.startswith("b.") else "", error) from None
    return _json(record)


async def counterfactuals_endpoint(request: Request) -> Response:
    data = await read_body(request)
    try:
        scenario = await _off_loop(results.validated, data.get("scenario"))
        variants = results.counterfactual_scenarios(scenario)
        record = await _solve_all(
            request, variants.values(), results.counterfactuals, variants, scenario.name
        )
    except ScenarioError as error:
        raise _with_prefix("", error) from None
    return _json(record)


async def parse_yaml_endpoint(request: Request) -> Response:
    data = await read_body(request)
    text = data.get("yaml")
    if not isinstance(text, str):
        raise RequestError("file", "send the YAML text of a scenario")
    try:
        return JSONResponse({"scenario": await _off_loop(results.parse_yaml, text)})
    except ScenarioError as error:
        raise _with_prefix("", error) from None


async def to_yaml_endpoint(request: Request) -> Response:
    data = await read_body(request)
    try:
        scenario = await _off_loop(results.validated, data.get("scenario"))
    except ScenarioError as error:
        raise _with_prefix("", error) from None
    return Response(
        results.scenario_yaml(scenario),
        media_type="application/x-yaml",
        headers={"Content-Disposition": _attachment(f"{scenario.name}.yaml")},
    )


async def _request_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestError)
    return _error(error.field, error.message, error.status)


def create_app(
    allowed_hosts: Iterable[str] = LOOPBACK_NAMES, program_budget: ProgramBudget | None = None
) -> Starlette:
    """The web explorer application, answering to ``allowed_hosts`` (host names or addresses
    without port; ``"*"`` for any) and keeping at most ``program_budget``'s compiled solvers."""
    with resources.as_file(STATIC) as directory:
        static = StaticFiles(directory=str(directory))
    app = Starlette(
        routes=[
            Route("/", index),
            Route("/api/info", info),
            Route("/api/examples/{name}", example),
            Route("/api/trial-examples/{name}", trial_example),
            Route("/api/trial", trial_endpoint, methods=["POST"]),
            Route("/api/simulate", simulate_endpoint, methods=["POST"]),
            Route("/api/compare", compare_endpoint, methods=["POST"]),
            Route("/api/counterfactuals", counterfactuals_endpoint, methods=["POST"]),
            Route("/api/parse-yaml", parse_yaml_endpoint, methods=["POST"]),
            Route("/api/to-yaml", to_yaml_endpoint, methods=["POST"]),
            Mount("/static", static, name="static"),
        ],
        exception_handlers={RequestError: _request_error},
        middleware=[Middleware(RequestGuard, allowed_hosts=tuple(allowed_hosts))],
    )
    app.state.solves = anyio.Semaphore(MAX_CONCURRENT_SOLVES)
    app.state.program_budget = program_budget or ProgramBudget()
    return app

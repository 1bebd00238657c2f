"""The explorer under hostile or broken requests: bounded reads, 4xx with field and message
(never 500), Host and Origin checks, security headers, validation off the event loop, a bound on
compiled programs."""

from __future__ import annotations

import copy
import json
import threading
import time
import warnings

import anyio
import httpx
import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from abscopal.web import create_app
from abscopal.web.compiled_programs import ProgramBudget
from abscopal.web.guard import host_name
from abscopal.web.limits import MAX_REQUEST_BYTES
from abscopal.web.request_body import parse_body

BASE = "http://127.0.0.1:8050"
JSON = {"Content-Type": "application/json"}
SMALL = {
    "name": "guarded",
    "lesions": [{"name": "lung", "organ": "lung", "baseline_diameter_mm": 25}],
    "external_beam": [{"target": "lung", "dose_per_fraction_gy": 8, "fractions": 3}],
    "duration_day": 60,
}


def _run(exchange):
    """Run an async exchange in its own thread (Playwright's sync API may own this thread's
    event loop when the browser tests ran first)."""
    results: list = []
    worker = threading.Thread(target=lambda: results.append(anyio.run(exchange)))
    worker.start()
    worker.join()
    return results[0]


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), base_url=BASE, raise_server_exceptions=False)


@pytest.mark.parametrize(
    ("body", "status", "text"),
    [
        (b'{"scenario": "\xe9t\xe9"}', 422, "not UTF-8"),
        ("\ufeff{}".encode("utf-16"), 422, "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, 422, "nests deeper than 32"),  # at the size limit
        (b"[" * 150_000 + b"]" * 150_000, 413, "larger than"),
        (b"[" * 5_000 + b"]" * 5_000, 422, "nests deeper than 32"),
        (b'{"a": ' + b"[" * 40 + b"]" * 40 + b"}", 422, "nests deeper than 32"),
        (b'{"scenario": {"duration_day": ' + b"9" * 5_000 + b"}}", 422, "64 bits"),
        (b'{"scenario": {"duration_day": 1e999}}', 422, "finite range"),
        (b'{"scenario": {"duration_day": NaN}}', 422, "not a number JSON allows"),
        (b'{"scenario": {"duration_day": -Infinity}}', 422, "not a number JSON allows"),
        (b"[1, 2]", 422, "must be a JSON object"),
    ],
)
def test_malformed_bodies_get_a_4xx_with_field_and_message(
    client: TestClient, body: bytes, status: int, text: str
) -> None:
    for path in ("/api/simulate", "/api/compare", "/api/parse-yaml", "/api/to-yaml"):
        response = client.post(path, content=body, headers=JSON)
        assert response.status_code == status, (path, response.text)
        assert response.json()["field"] == "request"
        assert text in response.json()["message"]


def test_deep_yaml_and_odd_names_are_refused_not_crashed(client: TestClient) -> None:
    deep = "a: " + "[" * 2_000 + "]" * 2_000
    response = client.post("/api/parse-yaml", json={"yaml": deep})
    assert response.status_code == 422 and "deeper than 32" in response.json()["message"]
    for name, text in (
        ("two\r\nlines", "one line of text"),
        ("end\n", "one line of text"),
        ("x" * 20_000, "at most 120 characters, not 20000"),
    ):
        response = client.post("/api/to-yaml", json={"scenario": {**SMALL, "name": name}})
        assert response.status_code == 422 and response.json()["field"] == "name"
        assert text in response.json()["message"] and len(response.json()["message"]) <= 200


@pytest.mark.parametrize(
    ("name", "disposition"),
    [
        ("trial.arm-2", "filename=\"trial.arm-2.yaml\"; filename*=UTF-8''trial.arm-2.yaml"),
        ('quote"d', "filename=\"quote_d.yaml\"; filename*=UTF-8''quote%22d.yaml"),
        ("δόση 1", "filename=\"_____1.yaml\"; filename*=UTF-8''%CE%B4%CF%8C%CF%83%CE%B7%201.yaml"),
    ],
)
def test_download_name_follows_rfc_6266(client: TestClient, name: str, disposition: str) -> None:
    response = client.post("/api/to-yaml", json={"scenario": {**SMALL, "name": name}})
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f"attachment; {disposition}"


def test_a_declared_or_streamed_body_over_the_limit_is_not_read_whole() -> None:
    received: list[int] = []

    async def exchange() -> tuple[int, int]:
        app = create_app()
        chunk = b" " * 65_536

        async def body():  # 100 MB offered, counted as the server takes it
            for _ in range(1_600):
                received.append(len(chunk))
                yield chunk

        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as http:
            declared = await http.post(
                "/api/simulate",
                content=b"{}",
                headers={**JSON, "Content-Length": str(100_000_000)},
            )
            streamed = await http.post("/api/simulate", content=body(), headers=JSON)
        return declared.status_code, streamed.status_code

    declared, streamed = _run(exchange)
    assert declared == streamed == 413
    assert sum(received) <= MAX_REQUEST_BYTES + 2 * 65_536  # stopped at the limit


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Host": "evil.example"}, 421),
        ({"Host": "evil.example:8050"}, 421),
        ({"Host": "127.0.0.1.evil.example"}, 421),
        ({"Host": ""}, 400),
        ({"Host": "localhost:8050"}, 200),
        ({"Host": "[::1]:8050"}, 200),
    ],
)
def test_only_allowed_host_names_are_served(client: TestClient, headers: dict, status: int) -> None:
    response = client.get("/api/info", headers=headers)
    assert response.status_code == status
    if status != 200:
        assert response.json()["field"] == "request"


def test_the_server_can_be_named(client: TestClient) -> None:
    named = TestClient(create_app(allowed_hosts=("explorer.lab",)), base_url=BASE)
    assert named.get("/api/info", headers={"Host": "explorer.lab:80"}).status_code == 200
    assert named.get("/api/info").status_code == 421  # 127.0.0.1 was not named
    anything = TestClient(create_app(allowed_hosts=("*",)), base_url="http://any.where")
    assert anything.get("/api/info").status_code == 200


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Content-Type": "text/plain"}, 415),
        ({"Content-Type": "application/x-www-form-urlencoded"}, 415),
        ({**JSON, "Origin": "http://evil.example"}, 403),
        ({**JSON, "Origin": "http://127.0.0.1:9999"}, 403),
        ({**JSON, "Origin": "null"}, 403),
        ({**JSON, "Sec-Fetch-Site": "cross-site"}, 403),
        ({**JSON, "Sec-Fetch-Site": "same-site"}, 403),
        ({**JSON, "Origin": BASE, "Sec-Fetch-Site": "same-origin"}, 200),
    ],
)
def test_cross_origin_writes_are_refused_before_any_work(
    client: TestClient, headers: dict, status: int
) -> None:
    body = json.dumps({"scenario": SMALL}).encode()
    response = client.post("/api/to-yaml", content=body, headers=headers)
    assert response.status_code == status, response.text


def test_every_answer_carries_the_security_headers(client: TestClient) -> None:
    for response in (
        client.get("/"),
        client.get("/static/app.js"),
        client.get("/api/info"),
        client.get("/api/examples/nope"),
        client.get("/api/info", headers={"Host": "evil.example"}),
        client.post("/api/simulate", content=b"{", headers=JSON),
    ):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_validation_does_not_hold_the_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    from abscopal.web import results

    real = results.validated

    def slow(data):  # a validation that takes seconds must not stall other requests
        time.sleep(2.0)
        return real(data)

    monkeypatch.setattr(results, "validated", slow)

    async def exchange() -> float:
        transport = httpx.ASGITransport(app=create_app())
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as http:
            answered = 0.0

            async def info() -> None:
                nonlocal answered
                await anyio.sleep(0.2)
                start = time.monotonic()
                assert (await http.get("/api/info")).status_code == 200
                answered = time.monotonic() - start

            async def slow_request() -> None:
                assert (await http.post("/api/to-yaml", json={"scenario": SMALL})).is_success

            async with anyio.create_task_group() as group:
                group.start_soon(slow_request)
                group.start_soon(info)
            return answered

    assert _run(exchange) < 1.0


def test_host_names_are_parsed_strictly() -> None:
    assert host_name("LocalHost:8050") == "localhost"
    assert host_name("[::1]:8050") == "::1"
    for bad in ("", "a b", "[::1]x", "user@host", "host:port", "::1", "host/path"):
        assert host_name(bad) is None


def test_the_program_budget_empties_caches_only_when_no_solve_runs() -> None:
    cleared: list[float] = []
    budget = ProgramBudget(limit=2, clear=lambda: cleared.append(time.monotonic()))
    with budget.admit((1, 128)), budget.admit((2, 128)):
        pass
    assert cleared == [] and budget.shapes == {(1, 128), (2, 128)}
    with budget.admit((1, 128)):  # a known shape never clears
        pass
    finished: list[float] = []

    def long_solve() -> None:
        with budget.admit((2, 128)):
            time.sleep(0.5)
            finished.append(time.monotonic())

    worker = threading.Thread(target=long_solve)
    worker.start()
    time.sleep(0.1)
    with budget.admit((3, 256)):  # a new shape past the limit waits for the running solve
        pass
    worker.join()
    assert len(cleared) == 1 and cleared[0] >= finished[0]
    assert budget.shapes == {(3, 256)} and budget.clears == 1
    with budget.admit((4, 128), (4, 256)):  # both shapes of a comparison at once
        pass
    assert budget.clears == 2 and budget.shapes == {(4, 128), (4, 256)}


def test_the_server_keeps_a_bounded_number_of_compiled_solvers() -> None:
    budget = ProgramBudget(limit=1)
    bounded = TestClient(create_app(program_budget=budget), base_url=BASE)
    two = copy.deepcopy(SMALL)
    two["lesions"].append({"name": "liver", "organ": "liver", "baseline_diameter_mm": 15})
    for scenario in (SMALL, two, SMALL):
        assert bounded.post("/api/simulate", json={"scenario": scenario}).status_code == 200
    assert budget.clears == 2 and len(budget.shapes) == 1
    from abscopal.solvers import diffrax_solver

    assert diffrax_solver._solve_batch._cache_size() <= 1  # the others were emptied


def test_parse_body_accepts_ordinary_json() -> None:
    data = parse_body(json.dumps({"scenario": SMALL, "n": -(2**62), "x": 1.5e-300}).encode())
    assert data["scenario"] == SMALL and data["n"] == -(2**62)

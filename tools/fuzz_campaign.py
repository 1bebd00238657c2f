"""A bad-input campaign over every input door, with outcome counts (issue 24).

    python tools/fuzz_campaign.py --per-door 500 --seed 0

Each door gets ``--per-door`` mutants of the shipped examples (one to three values of a scenario
or trial file replaced by a hostile value, removed, or joined by a stray key; one cell of a
measurement CSV replaced) plus, for the web, a fixed list of malformed bodies. Every input is
classed:

- ``accepted``: read (and, for scenarios, its schedule compiled) or exit 0 / HTTP 200;
- ``refused``: one line naming a field (``InputError``), exit 2 with one line, or HTTP 4xx with
  ``{"field", "message"}``;
- ``crash``: any other exception, a traceback, exit 1, HTTP 500, or a refusal spanning lines;
- ``slow``: took longer than ``--seconds`` (the work was not bounded).

The mutation (:func:`mutate`) is the one the suite's hypothesis test draws from
(``tests/test_fuzz_inputs.py``); the script uses only APIs that existed before the issue-24
work, so it runs unchanged on an older checkout (``PYTHONPATH=OLD/src``) for the before count.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import random
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

HOSTILE: list[Any] = [
    None,
    True,
    0,
    -1,
    -0.0,
    1e-320,
    5e-324,
    1e308,
    -1e308,
    float("inf"),
    float("nan"),
    2**70,
    "",
    "abc",
    "é" * 3,
    "line\nbreak",
    "x" * 5_000,
    "2024-01-01",
    [],
    [None],
    {},
    {"unexpected": 1},
    [[[[[[[[1]]]]]]]],
]
STRAY_KEYS = ["extra", "dose_gy", "Name", ""]
CELLS = ["", "nan", "-1", "1e308", "inf", "abc", "2024-01-01", "true", "é", '"', "1,2"]
CELLS += ["_line", "9" * 400, " 0x10", "2024-01-01T00:00:00+05:00"]
MEASUREMENTS = [
    "patient_id,lesion_id,day,organ,kind,is_lymph_node,longest_diameter_mm,short_axis_mm,irradiated",
    "P1,lung,0,lung,target,false,40,,true",
    "P1,liver,0,liver,target,false,30,,false",
    "P1,node,0,lymph_node,non_target,true,20,12,false",
    "P1,lung,42,lung,target,false,20,,true",
    "P1,liver,42,liver,target,false,20,,false",
    "P1,node,42,lymph_node,non_target,true,15,8,false",
]
CRITERIA = ["recist", "irecist", "mda", "percist", "mrecist"]
MALFORMED_BODIES = [
    b'{"scenario": "\xe9t\xe9"}',
    "\ufeff{}".encode("utf-16"),
    b"[" * 100_000 + b"]" * 100_000,
    b"[" * 5_000 + b"]" * 5_000,
    b'{"scenario": {"duration_day": ' + b"9" * 5_000 + b"}}",
    b'{"scenario": {"duration_day": 1e999}}',
    b'{"scenario": {"duration_day": NaN}}',
    b"[1, 2]",
    b"{not json",
    b"",
]


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def mutate(document: Any, rng: random.Random) -> Any:
    """A copy of a parsed YAML document with one to three values replaced by a hostile value,
    removed, or joined by a stray key (or list entry)."""
    document = copy.deepcopy(document)
    for _ in range(rng.randint(1, 3)):
        paths = _paths(document)
        if not paths:
            break
        path = rng.choice(paths)
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        action = rng.choice(["replace", "replace", "remove", "add"])
        if action == "replace":
            parent[path[-1]] = copy.deepcopy(rng.choice(HOSTILE))
        elif action == "remove":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[rng.choice(STRAY_KEYS)] = 1
        else:
            parent.append(copy.deepcopy(rng.choice(HOSTILE)))
    return document


def mutate_table(rng: random.Random) -> tuple[str, str]:
    """A measurement CSV with one cell replaced, and the criteria to read it with."""
    lines = [line.split(",") for line in MEASUREMENTS]
    row = rng.randrange(len(lines))
    lines[row][rng.randrange(len(lines[row]))] = rng.choice(CELLS)
    return "\n".join(",".join(line) for line in lines) + "\n", rng.choice(CRITERIA)


def _documents(folder: Path) -> list[Any]:
    return [
        yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.yaml"))
    ]


def _class_of_call(function: Any, seconds: float) -> str:
    from abscopal.errors import InputError

    start = time.monotonic()
    try:
        function()
        outcome = "accepted"
    except InputError as error:
        outcome = "refused" if error.field and "\n" not in str(error) else "crash"
    except Exception:
        outcome = "crash"
    return "slow" if time.monotonic() - start > seconds else outcome


def _scenario(document: Any) -> None:
    from abscopal.protocols.schedule import compile_schedule
    from abscopal.scenario import scenario_from_dict

    scenario = scenario_from_dict(document)
    compile_schedule(scenario.treatment, scenario.patient)


def _trial(document: Any) -> None:
    from abscopal.trials.spec import trial_from_dict

    trial_from_dict(document)


def _web_class(response: Any) -> str:
    if response.status_code == 200:
        return "accepted"
    try:
        body = response.json()
    except ValueError:
        return "crash"
    if 400 <= response.status_code < 500 and body.get("field") and "\n" not in body["message"]:
        return "refused"
    return "crash"


def assess_outcome(text: str, criteria: str, seconds: float) -> str:
    """The class of ``abscopal assess`` on a measurement table given as ``text``."""
    from abscopal.cli.main import main

    with tempfile.TemporaryDirectory() as directory:
        table = Path(directory) / "measurements.csv"
        table.write_text(text, encoding="utf-8")
        output = Path(directory) / "out"
        errors = io.StringIO()
        start = time.monotonic()
        with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
            try:
                status = main(["assess", str(table), "--criteria", criteria, "-o", str(output)])
            except SystemExit as exit_:
                status = exit_.code
            except Exception:
                status = 1
        if time.monotonic() - start > seconds:
            return "slow"
        lines = errors.getvalue().strip().splitlines()
        if status == 0:
            return "accepted"
        if status == 2 and len(lines) == 1 and not output.exists():
            return "refused"
        return "crash"


def run(per_door: int, seed: int, seconds: float, examples: Path) -> dict[str, Counter]:
    """Outcome counts per door."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        from abscopal.web import create_app

    rng = random.Random(seed)
    scenarios, trials = _documents(examples), _documents(examples / "trials")
    counts: dict[str, Counter] = {
        door: Counter() for door in ("scenario", "trial", "web", "assess")
    }
    web = TestClient(create_app(), base_url="http://127.0.0.1:8050", raise_server_exceptions=False)
    for _ in range(per_door):
        document = mutate(rng.choice(scenarios), rng)
        counts["scenario"][_class_of_call(lambda: _scenario(document), seconds)] += 1  # noqa: B023
        trial = mutate(rng.choice(trials), rng)
        counts["trial"][_class_of_call(lambda: _trial(trial), seconds)] += 1  # noqa: B023
        body = json.dumps({"scenario": mutate(rng.choice(scenarios), rng)}, allow_nan=True)
        counts["web"][_web_class(web.post("/api/to-yaml", content=body, headers=_JSON))] += 1
        counts["assess"][assess_outcome(*mutate_table(rng), seconds)] += 1
    for raw in MALFORMED_BODIES:
        counts["web"][_web_class(web.post("/api/simulate", content=raw, headers=_JSON))] += 1
    return counts


_JSON = {"Content-Type": "application/json"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-door", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=5.0, help="slower than this is 'slow'")
    parser.add_argument(
        "--examples",
        type=Path,
        default=Path(__file__).resolve().parents[1] / "src" / "abscopal" / "examples",
    )
    arguments = parser.parse_args(argv)
    counts = run(arguments.per_door, arguments.seed, arguments.seconds, arguments.examples)
    classes = ("accepted", "refused", "crash", "slow")
    print(f"{'door':10s} {'inputs':>7s} " + " ".join(f"{name:>9s}" for name in classes))
    for door, outcome in counts.items():
        total = sum(outcome.values())
        print(f"{door:10s} {total:7d} " + " ".join(f"{outcome[name]:9d}" for name in classes))
    return 0


if __name__ == "__main__":
    sys.exit(main())

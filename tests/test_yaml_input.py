"""The one YAML reader (scenarios, trial files, uploads): every malformed file is refused with
one line naming the file and the problem, and ``simulate`` exits 2 writing nothing."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from abscopal.cli.main import main
from abscopal.errors import InputError
from abscopal.scenario import ScenarioError, load_scenario, parse_yaml_text
from abscopal.trials.spec import load_trial
from abscopal.yaml_input import MAX_DEPTH, MAX_INPUT_BYTES
from tests.conftest import EXAMPLES

MOUSE = (EXAMPLES / "mouse_two_flank_8x3_ctla4.yaml").read_text(encoding="utf-8")

REFUSED = [
    ("latin-1", "name: caf\xe9\n".encode("latin-1"), "is not UTF-8 text (byte 0xe9 on line 1)"),
    ("utf-16", "name: x\n".encode("utf-16"), "is UTF-16 text; save it as UTF-8"),
    ("deep", ("a: " + "[" * 1000 + "]" * 1000).encode(), f"nests deeper than {MAX_DEPTH} levels"),
    ("duplicate", b"name: a\nspecies: human\nname: b\n", "repeats the key 'name' at line 3"),
    ("binary", b"name: !!binary aGVsbG8=\n", "uses the tag !!binary at line 1"),
    ("set", b"lesions: !!set {a, b}\n", "uses the tag !!set"),
    ("python", b"name: !!python/object:os.system {}\n", "uses the tag !!python/object"),
    ("alias", b"a: &x 1\nname: *x\n", "uses an alias (*name) at line 2"),
    ("syntax", b"lesions: [\n", "is not valid YAML at line 2"),
    ("utf-32", "name: x\n".encode("utf-32"), "is UTF-32 text"),
    ("merge key", b"a: {b: 1}\nc: {<<: {b: 1}}\n", "uses a merge key (<<) at line 2"),
    ("huge integer", b"seed: " + b"9" * 5000 + b"\n", "holds a number too large to read"),
    ("64 bits", b"seed: 99999999999999999999\n", "has an integer beyond 64 bits"),
    ("one and true", b"1: a\ntrue: b\n", "repeats the key 'true'"),
]


@pytest.mark.parametrize(("case", "data", "message"), REFUSED, ids=[case[0] for case in REFUSED])
def test_malformed_files_are_refused_naming_the_file(case, data, message, tmp_path: Path):
    path = tmp_path / "scenario.yaml"
    path.write_bytes(data)
    with pytest.raises(ScenarioError) as error:
        load_scenario(path)
    assert error.value.field == "SCENARIO"
    assert str(path) in error.value.message and message in error.value.message
    assert "\n" not in str(error.value)
    with pytest.raises(ScenarioError, match="TRIAL"):
        load_trial(path)


def test_simulate_refuses_in_one_line_and_writes_nothing(tmp_path: Path, capsys):
    path = tmp_path / "scenario.yaml"
    path.write_bytes(MOUSE.encode() + b"name: again\n")
    output = tmp_path / "out"
    assert main(["simulate", str(path), "-o", str(output)]) == 2
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == 1 and "repeats the key 'name'" in lines[0]
    assert not output.exists()


def test_a_fifo_a_directory_and_a_huge_file_are_refused_without_reading(tmp_path: Path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result: list[BaseException] = []

    def read() -> None:
        try:
            load_scenario(fifo)
        except BaseException as error:  # the thread hands it to the test
            result.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # unblock the reader before failing
        with open(fifo, "wb"):
            pass
        pytest.fail("reading a FIFO blocked")
    assert isinstance(result[0], ScenarioError) and "is not a regular file" in str(result[0])
    with pytest.raises(ScenarioError, match="is not a regular file"):
        load_scenario(tmp_path)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * MAX_INPUT_BYTES + b"\n")
    with pytest.raises(ScenarioError, match="larger than 1024 KiB"):
        load_scenario(big)


EXAMPLE_FILES = sorted([*EXAMPLES.glob("*.yaml"), *(EXAMPLES / "trials").glob("*.yaml")])


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[path.stem for path in EXAMPLE_FILES])
def test_every_shipped_file_reads_as_with_the_safe_loader(path: Path):
    text = path.read_text(encoding="utf-8")
    assert parse_yaml_text(text) == yaml.safe_load(text)


def test_sexagesimal_numbers_stay_text_and_nul_paths_are_refused(tmp_path: Path):
    assert parse_yaml_text("a: 1:30\nb: 1:00:00:00:00:00:00:00:00\nc: 1:30.5\n") == {
        "a": "1:30",
        "b": "1:00:00:00:00:00:00:00:00",
        "c": "1:30.5",
    }
    with pytest.raises(ScenarioError, match="not a valid path"):
        load_scenario(str(tmp_path / "a\0b.yaml"))


def test_what_the_strict_reader_still_reads():
    text = "\ufeffname: a\nwhen: 2024-01-01\nvalues: [1, 2.5, {b: null}]\n"
    assert parse_yaml_text(text.removeprefix("\ufeff")) == {
        "name": "a",
        "when": "2024-01-01",  # dates stay text
        "values": [1, 2.5, {"b": None}],
    }
    assert yaml.safe_load(MOUSE) == parse_yaml_text(MOUSE)  # the examples read as before
    bom = b"\xef\xbb\xbf" + MOUSE.encode()
    assert load_scenario_bytes(bom).name == "mouse_two_flank_8x3_ctla4"


def load_scenario_bytes(data: bytes):
    import tempfile

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "scenario.yaml"
        path.write_bytes(data)
        return load_scenario(path)


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    position=st.integers(min_value=0, max_value=len(MOUSE.encode())),
    removed=st.integers(min_value=0, max_value=40),
    inserted=st.binary(max_size=24),
)
def test_mutated_example_files_load_or_are_refused(position, removed, inserted):
    """Byte-level mutations of a shipped example (cut, insert, corrupt): the file either reads
    into a scenario or is refused with one line on a named field; nothing else escapes."""
    data = MOUSE.encode()
    mutated = data[:position] + inserted + data[position + removed :]
    try:
        load_scenario_bytes(mutated)
    except InputError as error:
        assert error.field and "\n" not in error.message and len(error.message) < 2_000

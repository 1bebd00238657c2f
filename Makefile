# Quick start: `make demo` runs the built-in scenario, `make test` runs the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint format install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/abscopal demo -o demo-output

test: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks docs calibration_scripts tools
	$(BIN)/ruff format --check src tests benchmarks docs calibration_scripts tools
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks docs calibration_scripts tools
	$(BIN)/ruff format --check src tests benchmarks docs calibration_scripts tools

format: $(VENV)/.installed-test
	$(BIN)/ruff format src tests benchmarks calibration_scripts tools
	$(BIN)/ruff check --fix src tests benchmarks calibration_scripts tools

clean:
	rm -rf $(VENV) demo-output .pytest_cache .ruff_cache

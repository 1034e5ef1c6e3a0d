# Two commands on a fresh machine, each doing its own set-up:
#   make run    creates .venv when missing, installs the app, starts it on 127.0.0.1 (embedded TinyDB store)
#   make test   the same with the test extras, then the README's test command
# `make lint` runs ruff and vulture (CI runs it before the tests).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps: reinstall only when pyproject.toml changes.
$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed-app

run: $(VENV)/.installed-app
	$(BIN)/python -m streamlit run app.py --server.port=$(PORT)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/python -m ruff check .
	$(BIN)/python -m vulture

bench: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks

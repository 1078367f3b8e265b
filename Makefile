# PM Desk: `make run` opens the sample project; `make test` runs every test headless.
# Both set up .venv first, so they work on a fresh machine.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SAMPLE := build/sample.pmdb
FORMS := $(patsubst ui/%.ui,pmdesk/gui/forms/ui_%.py,$(wildcard ui/*.ui))

.PHONY: run test lint bench forms venv clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(SAMPLE): $(STAMP) $(wildcard resources/sample/*.json)
	mkdir -p build
	$(PY) -m pmdesk demo $(SAMPLE) --force

run: $(SAMPLE)
	$(PY) -m pmdesk $(SAMPLE)

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

# Compile the Qt Designer forms in ui/ into the package (a test fails when one is stale).
forms: $(FORMS)

pmdesk/gui/forms/ui_%.py: ui/%.ui $(STAMP)
	$(VENV)/bin/pyside6-uic $< -o $@

clean:
	rm -rf build dist .pytest_cache .ruff_cache

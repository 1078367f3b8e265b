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
	$(PY) -m pip install --quiet -e '.[test,package]'
	touch $(STAMP)

$(SAMPLE): $(STAMP) $(wildcard resources/sample/*.json)
	mkdir -p build
	$(PY) -m pmdesk demo $(SAMPLE) --force

run: $(SAMPLE)
	$(PY) -m pmdesk $(SAMPLE)

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

# Compile the Qt Designer forms in ui/ into the package (a test fails when one is stale).
forms: $(FORMS)

pmdesk/gui/forms/ui_%.py: ui/%.ui $(STAMP)
	$(VENV)/bin/pyside6-uic $< -o $@

clean:
	rm -rf build dist .pytest_cache .ruff_cache

# -- packaging (packaging/README.md) -------------------------------------------------------------
# `make package`: the standalone folder-style bundle in dist/pmdesk/ (PyInstaller), then a smoke
# test of it. `make install-desktop`: .pmdb double-click on Linux, for the current user.
PACKAGE_STAMP := $(VENV)/.package-stamp
SMOKE := build/package-smoke
PMDESK_EXEC ?= $(abspath $(firstword $(wildcard dist/pmdesk/pmdesk) $(VENV)/bin/pmdesk))
PACKAGE_EXTRA = $$($(PY) -c "import tomllib; print(' '.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']['package']))")

.PHONY: package package-smoke install-desktop icons bench-package

# The `package` extra's tools, without reinstalling pmdesk itself.
$(PACKAGE_STAMP): $(STAMP)
	$(PY) -m pip install --quiet $(PACKAGE_EXTRA)
	touch $@

package: $(PACKAGE_STAMP) forms
	$(PY) -m PyInstaller --noconfirm --log-level=WARN --distpath dist \
		--workpath build/pyinstaller packaging/pmdesk.spec
	$(MAKE) package-smoke

package-smoke:
	rm -rf $(SMOKE) && mkdir -p $(SMOKE)
	export QT_QPA_PLATFORM=offscreen PMDESK_DATA_DIR=$(SMOKE)/data \
		XDG_CONFIG_HOME=$(SMOKE)/config XDG_CACHE_HOME=$(SMOKE)/cache && \
	dist/pmdesk/pmdesk --version && \
	dist/pmdesk/pmdesk demo $(SMOKE)/sample.pmdb && \
	dist/pmdesk/pmdesk check $(SMOKE)/sample.pmdb && \
	dist/pmdesk/pmdesk --self-test $(SMOKE)/sample.pmdb
	@du -sh dist/pmdesk

install-desktop: $(STAMP)
	$(PY) packaging/install_desktop.py "$(PMDESK_EXEC)"

icons: $(STAMP)
	$(PY) packaging/render_icons.py

bench-package: package
	$(PY) packaging/measure_start.py

# The sample project's executive briefing, as Word and (with LibreOffice) as PDF to look at.
.PHONY: briefing
briefing: $(SAMPLE)
	$(PY) -m pmdesk export $(SAMPLE) -o build/sample-briefing.docx
	soffice --headless -env:UserInstallation=file://$(CURDIR)/build/lo-profile \
		--convert-to pdf --outdir build build/sample-briefing.docx >/dev/null
	@test -f build/sample-briefing.pdf && echo "Wrote build/sample-briefing.docx and .pdf"

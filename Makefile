# The two commands of the README, and the steps they are made of.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test lint translations bench clean

run: $(VENV)/.installed                ## open the application on the bundled workshop
	$(PY) -m companion

test: $(VENV)/.installed-test           ## install what the tests need, then run them all
	bash build_scripts/system-packages.sh
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $@ $(VENV)/.installed

lint: $(VENV)/.installed-test
	$(PY) -m ruff check companion tests bench build_scripts

translations: $(VENV)/.installed-test   ## extract UI strings and compile the catalogues
	$(PY) build_scripts/translations.py

bench: $(VENV)/.installed-test
	$(PY) bench/startup.py
	$(PY) bench/export.py
	$(PY) bench/import.py

clean:
	rm -rf $(VENV) build dist .pytest_cache

# The two commands a newcomer runs: `make report` (the whole analysis of the seed corpus) and `make test`.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.climadiplo-installed
OUT ?= reports

NBVAL := --nbval --nbval-sanitize-with notebooks/nbval-sanitize.cfg --nbval-kernel-name python3

.PHONY: report test lint format lab notebooks evaluate benchmark constraints clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	@touch $(STAMP)

## make report: tables, executed notebooks, figures and the HTML report of the seed corpus, in reports/
## (--overwrite replaces only a folder climadiplo wrote: `make report OUT=~` is refused)
report: $(STAMP)
	$(PY) -m climadiplo run --out $(OUT) --overwrite
	@echo "Report: $(OUT)/report/index.html  figures: $(OUT)/figures/  tables: $(OUT)/tables/  notebooks: $(OUT)/notebooks/"

## make test: lint, the test suite, and the committed notebooks checked with nbval
test: $(STAMP) lint
	$(PY) -m pytest tests
	$(PY) -m pytest -p no:cacheprovider $(NBVAL) notebooks

## make notebooks: re-execute the committed notebooks on the seed corpus (after a change to what they show)
notebooks: $(STAMP)
	$(PY) -c "from climadiplo.run import refresh_notebooks; refresh_notebooks()"

lint: $(STAMP)
	$(PY) -m ruff check climadiplo tests benchmarks training
	$(PY) -m ruff format --check climadiplo tests benchmarks training

format: $(STAMP)
	$(PY) -m ruff check --fix climadiplo tests benchmarks training
	$(PY) -m ruff format climadiplo tests benchmarks training

## make lab: JupyterLab in its own .venv-lab (it slows every kernel start, so it stays out of the test .venv);
## as root (a container or CI user) JupyterLab needs --allow-root, which is passed then only
LAB_VENV ?= .venv-lab
lab:
	@test -x $(LAB_VENV)/bin/python || $(PYTHON) -m venv $(LAB_VENV)
	$(LAB_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[lab]"
	$(LAB_VENV)/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/

evaluate: $(STAMP)
	$(PY) -m climadiplo evaluate
	$(PY) benchmarks/evaluate_dev.py

## make benchmark: the whole tables command on real news (../shared/dev/polnear, else invented), engines, memory;
## then the notebooks' peak memory on tables of 1 M and 10 M sentences
benchmark: $(STAMP)
	$(PY) benchmarks/bench_tables.py
	$(PY) benchmarks/bench_pipeline.py
	$(PY) benchmarks/bench_quotes.py
	$(PY) benchmarks/bench_notebooks.py

## make constraints: re-pin constraints.txt from the current environment (after a tested upgrade)
constraints: $(STAMP)
	$(PY) -m pip freeze --exclude-editable | grep -vi '^climadiplo' > constraints.txt

## make clean: deletes $(OUT) only if climadiplo wrote it (it carries the .climadiplo-output marker)
clean:
	rm -rf $(VENV) .venv-lab .pytest_cache .ruff_cache .hypothesis
	@if [ -f "$(OUT)/.climadiplo-output" ]; then rm -rf -- "$(OUT)"; \
	elif [ -e "$(OUT)" ]; then echo "make clean: $(OUT) is not a climadiplo output folder; left as it is" >&2; exit 2; fi

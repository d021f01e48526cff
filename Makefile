# Shortcuts; README.md gives the two commands that matter.
.PHONY: build test fuzz bench

build:
	qser build

test:
	scripts/setup-tests && python3 -m pytest

fuzz:  # the nightly-style run: many more generated units than CI tries
	HYPOTHESIS_PROFILE=nightly python3 -m pytest tests/test_fuzz.py -q

bench:
	python3 -m benchmarks.run

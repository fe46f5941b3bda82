# qinglian — the two commands of the README, and the build.
#   make        build the program (build/qinglian) and the console (web/dist); runs nothing
#   make run    install what is missing, build, create the demo database on first start, serve
#   make check  install what is missing, build with ASan/UBSan, run every test
#   make bench  build, then bench/run.sh: one table of every workload beside its peer
#               (LINES, VILLAGES, YEARS, DURATION shrink it; see bench/README.md)
#   make fuzz   build the libFuzzer targets (clang, build-fuzz) and run each FUZZ_SECONDS
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_SECONDS ?= 60

.PHONY: all build build-asan web bootstrap run check bench clean fuzz fuzz-build

all: build web

build:
	cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build build -j$(JOBS) --target qinglian

build-asan:
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DQL_SANITIZE=ON >/dev/null
	cmake --build build-asan -j$(JOBS)

web:
	@if [ -f web/package.json ]; then scripts/build-web; fi

bootstrap:
	scripts/bootstrap

run: bootstrap all
	scripts/run-demo

check: bootstrap build-asan web
	scripts/check

bench: build
	bench/run.sh build/qinglian

# tests/fuzz: every target for FUZZ_SECONDS (one at a time), executions and crashes per target.
fuzz-build:
	@command -v clang >/dev/null || { echo "make fuzz needs clang (scripts/bootstrap installs it)"; exit 1; }
	CC=clang cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DQL_FUZZ=ON >/dev/null
	cmake --build build-fuzz -j$(JOBS) --target fuzz_targets

fuzz: fuzz-build
	@fail=0; for src in tests/fuzz/fuzz_*.c; do \
		tests/fuzz/run.sh build-fuzz/$$(basename $$src .c) $(FUZZ_SECONDS) || fail=1; \
	done; [ $$fail -eq 0 ] || { echo "fuzz: crashing inputs are in tests/out/fuzz/<target>/"; exit 1; }

clean:
	rm -rf build build-asan build-fuzz web/dist tests/out

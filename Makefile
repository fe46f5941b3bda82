# qinglian — the two commands of the README, and the build.
#   make        build the program (build/qinglian) and the console (web/dist); runs nothing
#   make run    install what is missing, build, create the demo database on first start, serve
#   make check  install what is missing, build with ASan/UBSan, run every test
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all build build-asan web bootstrap run check clean

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

clean:
	rm -rf build build-asan web/dist tests/out

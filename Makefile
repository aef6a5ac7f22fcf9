# ecociv — the two commands of the README, and a few helpers.
#   make demo   set up, build, generate the demo city, print its assessment
#   make test   set up, build, run every test
BUILD ?= build
JOBS ?= $(shell nproc)
ECOCIV := $(BUILD)/ecociv
DEMO_DIR ?= demo

.PHONY: all setup web configure build test demo bench conformance format clean

all: build

setup:
	./scripts/setup

# The web interface (web/dist), embedded into the binary by the C++ build.
web: setup
	cd web && npm ci --no-audit --no-fund && npm run build

configure: setup web
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release

build: configure
	cmake --build $(BUILD) -j $(JOBS)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

demo: build
	./scripts/demo $(ECOCIV) $(DEMO_DIR)

bench: build
	./scripts/bench $(BUILD)

# The whole real-data conformance run (5.3 million hours; several minutes).
conformance: build
	./tools/conformance/run_all.sh $(ECOCIV)

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf $(BUILD)

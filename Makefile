# ecociv — the two commands of the README, and a few helpers.
#   make demo   set up, build, generate the demo city, print its assessment
#   make test   set up, build, run every test: the suite, the suite again under
#               AddressSanitizer and UndefinedBehaviorSanitizer, and a short
#               run of every fuzz target
BUILD ?= build
SANITIZE_BUILD ?= build-sanitize
FUZZ_SECONDS ?= 10
JOBS ?= $(shell nproc)
ECOCIV := $(BUILD)/ecociv
DEMO_DIR ?= demo

.PHONY: all setup web configure build test test-unit test-sanitize test-fuzz demo bench \
	conformance format clean

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

test: test-unit test-sanitize test-fuzz

test-unit: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The suite under ASan + UBSan (any finding stops the test that hit it), built
# with clang in one tree with the libFuzzer targets, so the library is compiled
# for both at once. The browser and lint tests and the docs test say nothing
# new here; nor do the other subsystems' suites and the command-line suites on
# PostgreSQL (suites.postgres, cli.postgres, cli.postgres_demo: the same engine code as their
# SQLite runs here, minutes under the sanitizers), while the store's own suite
# on PostgreSQL and the several servers' test run here too. The load test
# (bench.*) measures the Release build; it is left out here.
test-sanitize: web
	@grep -qs '^CMAKE_CXX_COMPILER:.*clang' $(SANITIZE_BUILD)/CMakeCache.txt || rm -rf $(SANITIZE_BUILD)
	CC=clang CXX=clang++ cmake -S . -B $(SANITIZE_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DECOCIV_SANITIZE=ON -DECOCIV_FUZZ=ON -DECOCIV_BUILD_BENCH=OFF
	cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(SANITIZE_BUILD) --output-on-failure -j $(JOBS) -E '^((web|docs|bench)\.|(suites|cli)\.postgres(_demo)?$$)'

# Every fuzz target for FUZZ_SECONDS from its kept corpus (docs/security.md
# for the long runs), from the sanitizer tree above.
test-fuzz: test-sanitize
	./scripts/fuzz --build $(SANITIZE_BUILD) --seconds $(FUZZ_SECONDS)

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
	rm -rf $(BUILD) $(SANITIZE_BUILD) build-fuzz

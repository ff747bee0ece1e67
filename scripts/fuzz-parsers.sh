#!/usr/bin/env bash
# Coverage-guided fuzzing of the JSON parser, the filter grammar and the import reader
# (Sources/LeadbaseFuzz: the properties each input must keep) with libFuzzer, which the Swift
# toolchain brings: built with -sanitize=fuzzer,address into .build-fuzz, started from the seed
# corpus in Tests/Fuzz/corpus, bounded by FUZZ_RUNS inputs (default 1,000,000: about 15 s of
# fuzzing here, plus a minute or two for the first build). Fails, and leaves the input that broke a property as crash-*, if any does. The seed is
# fixed, so a run is repeatable; FUZZ_SEED changes it.
#
#   scripts/fuzz-parsers.sh
#   FUZZ_RUNS=10000000 scripts/fuzz-parsers.sh   # a longer hunt
#
# Every input in Tests/Fuzz/corpus (a crash input once found belongs there, after its fix) is
# also replayed by the suite's plain build: `swift run LeadbaseFuzz Tests/Fuzz/corpus`.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --build-path .build-fuzz --product LeadbaseFuzz --sanitize fuzzer --sanitize address -Xswiftc -DFUZZING \
  -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp
work=$(mktemp -d /tmp/leadbase-fuzz-parsers.XXXXXX)
trap 'rm -rf "$work"' EXIT
# New inputs go to the scratch folder; the seed corpus in git stays as it is.
.build-fuzz/debug/LeadbaseFuzz "$work" Tests/Fuzz/corpus \
  -runs="${FUZZ_RUNS:-1000000}" -seed="${FUZZ_SEED:-20261202}" -max_len=4096 -timeout=10 \
  -print_final_stats=1 -artifact_prefix=./crash-

#!/usr/bin/env bash
# Run one libFuzzer target of build-fuzz: first every regression input of
# tests/fuzz/regress/<target>/ (inputs that once crashed it), then SECONDS of
# fuzzing from the seed corpus tests/fuzz/corpus/<target>/ with its dictionary
# tests/fuzz/<target>.dict when there is one.  New inputs go to a scratch
# directory under tests/out/fuzz/<target>/, never into the committed corpus; a
# crashing input is written there too.  Prints one line:
#   fuzz_csv: 123456 executions in 10 s, 0 crashes
# Exit 0 when nothing crashed, 1 when something did, 77 when the binary is absent.
# Usage: tests/fuzz/run.sh BUILD-FUZZ/fuzz_<name> [SECONDS]
set -uo pipefail
bin=$1
secs=${2:-60}
t=$(basename "$bin")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ ! -x "$bin" ]; then
	echo "$t: $bin is not built (make fuzz builds it); skipped"
	exit 77
fi
out=$root/tests/out/fuzz/$t
rm -rf "$out/new"
mkdir -p "$out/new"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

nreg=0
if [ -d "$here/regress/$t" ] && [ -n "$(ls -A "$here/regress/$t")" ]; then
	nreg=$(find "$here/regress/$t" -type f | wc -l)
	if ! find "$here/regress/$t" -type f -print0 |
		xargs -0 "$bin" -runs=1 >"$out/regress.log" 2>&1; then
		tail -40 "$out/regress.log"
		echo "$t: a regression input of tests/fuzz/regress/$t crashes again (log: $out/regress.log)"
		exit 1
	fi
fi

dict=()
[ -f "$here/$t.dict" ] && dict=(-dict="$here/$t.dict")
"$bin" -max_total_time="$secs" -print_final_stats=1 -timeout=30 -rss_limit_mb=2048 \
	-artifact_prefix="$out/" "${dict[@]}" "$out/new" "$here/corpus/$t" >"$out/fuzz.log" 2>&1
rc=$?
execs=$(grep -E '^stat::number_of_executed_units' "$out/fuzz.log" | awk '{print $2}' | tail -1)
crashes=0
if [ $rc -ne 0 ]; then
	crashes=1
	grep -E 'ERROR|runtime error|SUMMARY|Test unit written' "$out/fuzz.log" | head -20
fi
echo "$t: ${execs:-0} executions in $secs s, $crashes crashes, $nreg regression inputs pass"
[ $crashes -eq 0 ]

# Shared by the shell tests: `fail` counts a failure with its reason; `expect_status` runs a
# command, keeps its output in $work/out and $work/err, and fails unless it exits as expected.
# The sourcing script sets `work` (a scratch folder) and `failures=0`.
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

expect_status() {  # expected-status description command...
  local expected=$1 description=$2
  shift 2
  "$@" >"$work/out" 2>"$work/err"
  local status=$?
  [ "$status" -eq "$expected" ] || fail "$description: exit $status, expected $expected; stderr: $(head -3 "$work/err")"
}

# Harness self-test: a guest that never finishes must be killed at its
# timeout and judged a failure.
DESCRIPTION="a hanging guest fails at its timeout"
EXPECT_FAILURE="QEMU timed out"
TIMEOUT=15
stage_first() {
	check "about to hang" true
	while :; do sleep 1; done
}

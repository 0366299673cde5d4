# Harness self-test: one failed check fails the scenario, whatever passed.
DESCRIPTION="a failed guest check fails the scenario"
EXPECT_FAILURE="1 check(s) failed"
stage_first() {
	check "this passes" true
	check "this fails" false
}

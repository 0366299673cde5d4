# Harness self-test: a crash scenario whose capture stage never runs fails,
# even though every check that did run passed.
DESCRIPTION="a stage that never runs fails the scenario"
EXPECT_FAILURE="stage 'capture' did not finish"
STAGES="first capture"
stage_first() {
	check "first stage runs" true
}

# Sourced by the bench scripts (not executable: make bench runs those).
# shellcheck shell=bash

# results_section TAG TEXT: TEXT, which begins "<!-- TAG: ..." and ends
# "<!-- /TAG -->", replaces that section of bench/RESULTS.md, or is
# appended. Two scripts may write at once (the two --floor bisections):
# the directory's lock orders them, and the file is replaced whole.
results_section() {
	local tag=$1 text=$2 dir results
	dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
	results=$dir/RESULTS.md
	(
		flock 9
		[ -e "$results" ] || printf '# crashd benchmarks\n\nWritten by make bench; each section by its script.\n' > "$results"
		awk -v new="$text" -v tag="$tag" '
			index($0, "<!-- " tag ":") == 1 { skip = 1; print new; done = 1; next }
			$0 == "<!-- /" tag " -->" { skip = 0; next }
			!skip { print }
			END { if (!done) print "\n" new }' "$results" > "$results.tmp" && mv "$results.tmp" "$results"
	) 9< "$dir"
	printf '%s\n' "$text"
}

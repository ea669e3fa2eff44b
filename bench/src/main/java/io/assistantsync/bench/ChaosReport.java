package io.assistantsync.bench;

import java.io.PrintStream;
import java.util.List;

/**
 * What a chaos run found: each fault with when it struck and how long the pipeline took to catch up, the
 * checker's results, and the verdict.
 *
 * @param faults the faults, in order
 * @param checks the checker's results
 * @param refused POSTs that got no 202 (no promise was made for them)
 * @param seconds the run's length, from the start of the load to the end of the checks
 */
record ChaosReport(List<FaultOutcome> faults, List<ChaosCheck.Result> checks, long refused, double seconds) {

	/**
	 * Whether the pipeline recovered from every fault and the checker found no loss.
	 * @return the verdict
	 */
	boolean passed() {
		return this.faults.stream().allMatch(FaultOutcome::recovered)
				&& this.checks.stream().allMatch(ChaosCheck.Result::passed);
	}

	/**
	 * Prints both tables as Markdown, then the verdict.
	 * @param out where
	 */
	void print(PrintStream out) {
		out.println();
		out.println("| fault | at | over after | recovered after | 202s meanwhile | verdict |");
		out.println("|---|---:|---:|---:|---:|---|");
		for (FaultOutcome fault : this.faults) {
			out.printf("| %s | %.0f s | %.1f s | %s | %d | %s |%n", fault.name(), fault.atSeconds(),
					fault.overAfterSeconds(),
					fault.recovered() ? String.format("%.1f s", fault.recoveredAfterSeconds()) : "-",
					fault.acceptedMeanwhile(), fault.recovered() ? "survived" : "NOT RECOVERED");
		}
		out.println();
		out.println("| check | found | verdict |");
		out.println("|---|---:|---|");
		for (ChaosCheck.Result check : this.checks) {
			out.printf("| %s | %d | %s |%n", check.what(), check.found(), check.passed() ? "ok" : "LOSS");
		}
		out.printf("%nPOSTs without a 202 (refused while the api-service was down): %d; run took %.0f s%n",
				this.refused, this.seconds);
		out.println(passed() ? "VERDICT: PASSED - every fault survived, nothing lost"
				: "VERDICT: FAILED - see the rows above marked LOSS or NOT RECOVERED");
	}

	/**
	 * One fault as it went.
	 *
	 * @param name the fault
	 * @param atSeconds when it struck, from the start of the load
	 * @param overAfterSeconds from the strike until the fault was undone (process restarted and ready, lock
	 * released, store back)
	 * @param recoveredAfterSeconds from the strike until every assistant accepted before the fault was over
	 * had its SYNCED result, or a negative number if that did not happen in time
	 * @param acceptedMeanwhile assistants accepted between the strike and the end of the fault
	 */
	record FaultOutcome(String name, double atSeconds, double overAfterSeconds, double recoveredAfterSeconds,
			long acceptedMeanwhile) {

		boolean recovered() {
			return this.recoveredAfterSeconds >= 0;
		}

	}

}

package io.assistantsync.bench;

import java.io.PrintStream;

/**
 * The chaos suite's command: {@code java -jar bench/target/bench.jar chaos [--short]} from the repository
 * root after a build. It prints the schedule, the progress, a table of the faults survived and the checker's
 * results, and exits with 0 when nothing was lost, 1 when something was (or a fault was not recovered from,
 * or the run itself failed), 2 for a bad command line.
 */
final class ChaosMain {

	private ChaosMain() {
	}

	static int run(PrintStream out, String... args) {
		ChaosOptions options;
		try {
			options = ChaosOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			out.println(ex.getMessage());
			return 2;
		}
		try {
			ChaosReport report = new ChaosRun(options, out).run();
			report.print(out);
			return report.passed() ? 0 : 1;
		}
		catch (Exception ex) {
			ex.printStackTrace(out);
			out.println("chaos: " + ex.getMessage());
			return 1;
		}
	}

}

package io.assistantsync.bench;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Runs the benchmark from the repository root after a build:
 *
 * <pre>
 * ./mvnw -q -B -s bench/maven-settings.xml -Ppeer -DskipTests package
 * java -jar bench/target/bench.jar --full
 * </pre>
 *
 * {@code --smoke} runs tiny sizes in about a minute; {@code --help} lists every size. The report goes to
 * {@code bench/report} (or {@code --out}). {@code java -jar bench/target/bench.jar chaos [--short]} runs the
 * chaos suite instead ({@link ChaosMain}).
 */
public final class BenchMain {

	private BenchMain() {
	}

	public static void main(String[] args) {
		PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
		if (args.length > 0 && args[0].equals("chaos")) {
			System.exit(ChaosMain.run(out, Arrays.copyOfRange(args, 1, args.length)));
			return;
		}
		BenchOptions options;
		try {
			options = BenchOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			out.println(ex.getMessage());
			System.exit(2);
			return;
		}
		String mode = options.smoke() ? "--smoke" : "--full";
		try {
			new Benchmark(options, out).run(mode);
			System.exit(0);
		}
		catch (Exception ex) {
			out.println("bench: " + ex.getMessage());
			System.exit(1);
		}
	}

}

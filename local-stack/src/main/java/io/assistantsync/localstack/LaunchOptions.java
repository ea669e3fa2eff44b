package io.assistantsync.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The launcher's command line: {@code --api-instances <n>} and {@code --workers <n>} (also as
 * {@code --workers=<n>}). Each is the same as a setting of the environment, which it overrides:
 * {@code LOCAL_STACK_API_INSTANCES} and {@code LOCAL_STACK_WORKERS}.
 */
final class LaunchOptions {

	private static final Map<String, String> SETTINGS = Map.of("--api-instances", "LOCAL_STACK_API_INSTANCES",
			"--workers", "LOCAL_STACK_WORKERS");

	private static final String USAGE = "the options are --api-instances <n> and --workers <n>";

	private LaunchOptions() {
	}

	/**
	 * Reads the command line.
	 * @param args the arguments of {@code main}
	 * @return the settings they give, by setting name
	 * @throws LocalStackException for an unknown option or a value that is not a positive whole number
	 */
	static Map<String, String> parse(String... args) {
		Map<String, String> settings = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			String value = null;
			int equals = option.indexOf('=');
			if (equals > 0) {
				value = option.substring(equals + 1);
				option = option.substring(0, equals);
			}
			String setting = SETTINGS.get(option);
			if (setting == null) {
				throw new LocalStackException("unknown option '" + args[i] + "': " + USAGE);
			}
			if (value == null) {
				if (i + 1 == args.length) {
					throw new LocalStackException(option + " needs a number: " + USAGE);
				}
				value = args[++i];
			}
			if (!value.matches("[1-9][0-9]{0,2}")) {
				throw new LocalStackException(option + " must be a positive whole number, not '" + value + "'");
			}
			settings.put(setting, value);
		}
		return settings;
	}

}

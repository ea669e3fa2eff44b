package io.assistantsync.worker.dlt.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --help} option of every {@code dlt} command, mixed in last so that it ends each option list.
 */
class HelpOption {

	@Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
	boolean help;

}

package io.assistantsync.worker.dlt.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.assistantsync.worker.dlt.DeadLetterBrowser;
import io.assistantsync.worker.dlt.DeadLetterFilter;

/**
 * {@code dlt list}: prints the matching dead letters in partition and offset order, then a summary.
 */
@Command(name = "list", sortOptions = false,
		description = "Lists dead-lettered records: partition, offset, assistant id, when, attempts, "
				+ "exception type and message. Changes nothing.")
class ListCommand implements Callable<Integer> {

	@Mixin
	FilterOptions filters = new FilterOptions();

	@Option(names = "--json", description = "One JSON object per line with every header decoded, "
			+ "then a summary object.")
	boolean json;

	@Mixin
	HelpOption help = new HelpOption();

	private final Supplier<DeadLetterTool> tool;

	private final PrintWriter out;

	ListCommand(Supplier<DeadLetterTool> tool, PrintWriter out) {
		this.tool = tool;
		this.out = out;
	}

	@Override
	public Integer call() {
		DeadLetterFilter filter = this.filters.toFilter();
		DeadLetterPrinter printer = new DeadLetterPrinter(this.out, this.json);
		DeadLetterBrowser.Listing listing = this.tool.get().browser().list(filter, printer::deadLetter);
		printer.listed(listing, filter.limit());
		this.out.flush();
		return DeadLetterCommands.OK;
	}

}

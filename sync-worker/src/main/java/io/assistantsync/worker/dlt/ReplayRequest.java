package io.assistantsync.worker.dlt;

/**
 * One replay run as asked for by the command line or the admin API.
 *
 * @param filter which dead letters; its limit caps the records replayed
 * @param dryRun report what would be replayed, publish nothing, commit nothing
 * @param fromBeginning also take dead letters that earlier replays took
 * @param force replay records that reached the loop guard's limit
 * @param ratePerSecond republish at most this many records per second, or {@code null} for no limit
 */
public record ReplayRequest(DeadLetterFilter filter, boolean dryRun, boolean fromBeginning, boolean force,
		Double ratePerSecond) {

	public ReplayRequest {
		if (filter == null) {
			filter = DeadLetterFilter.ALL;
		}
		if (ratePerSecond != null && !(ratePerSecond > 0 && Double.isFinite(ratePerSecond))) {
			throw new InvalidFilterException("rate", "must be a positive number of records per second, was "
					+ ratePerSecond);
		}
	}

}

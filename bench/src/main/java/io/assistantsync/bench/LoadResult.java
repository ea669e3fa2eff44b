package io.assistantsync.bench;

import org.HdrHistogram.Histogram;

/**
 * What one load run measured.
 *
 * @param completed requests answered with a 2xx inside the measured window
 * @param errors requests that failed or got another status
 * @param unsent requests of an open loop that were still not sent when the run gave up on them; their
 * waiting time so far is in the histogram
 * @param seconds the measured window
 * @param latency latencies in microseconds (from the intended send time in an open loop)
 * @param perSecond completed requests in each second of the run
 */
record LoadResult(long completed, long errors, long unsent, double seconds, Histogram latency, long[] perSecond) {

	double throughput() {
		return this.completed / this.seconds;
	}

	double percentileMillis(double percentile) {
		return this.latency.getValueAtPercentile(percentile) / 1000.0;
	}

}

package io.assistantsync.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One measured figure: every run's value and their median, min and max.
 *
 * @param id a stable key, e.g. {@code ingest.closed.c16.throughput}
 * @param section the report section
 * @param label what it is, for people
 * @param unit e.g. {@code req/s}, {@code ms}, {@code MB}
 * @param runs the value of each run
 * @param median the median of the runs
 * @param min the smallest run
 * @param max the largest run
 */
record Figure(String id, String section, String label, String unit, List<Double> runs, double median, double min,
		double max) {

	static Figure of(String id, String section, String label, String unit, List<Double> runs) {
		if (runs.isEmpty()) {
			throw new IllegalArgumentException("no runs for " + id);
		}
		List<Double> sorted = new ArrayList<>(runs);
		sorted.sort(Double::compare);
		int n = sorted.size();
		double median = (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
		return new Figure(id, section, label, unit, List.copyOf(runs), median, sorted.get(0), sorted.get(n - 1));
	}

}

package io.assistantsync.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.HdrHistogram.Histogram;

/**
 * Everything one benchmark run measured, in the order it was measured: figures, targets, the latency
 * distributions and time series for the charts, notes and findings.
 */
final class Results {

	final Map<String, Object> machine = new LinkedHashMap<>();

	final Map<String, Object> settings = new LinkedHashMap<>();

	final List<Figure> figures = new ArrayList<>();

	final List<Target> targets = new ArrayList<>();

	final List<String> notes = new ArrayList<>();

	final List<String> findings = new ArrayList<>();

	/** Latency distributions (microseconds) by chart series name, merged over the runs. */
	final Map<String, Histogram> latencies = new LinkedHashMap<>();

	/** Throughput per second by chart series name (first run). */
	final Map<String, long[]> series = new LinkedHashMap<>();

	/** Sampled values by chart series name, each with its sampling interval in seconds first. */
	final Map<String, double[]> samples = new LinkedHashMap<>();

	final Map<String, List<Double>> pending = new LinkedHashMap<>();

	private final Map<String, String[]> pendingMeta = new LinkedHashMap<>();

	/**
	 * Adds one run's value of a figure; the figure is complete after {@link #complete()}.
	 */
	synchronized void add(String id, String section, String label, String unit, double value) {
		this.pending.computeIfAbsent(id, key -> new ArrayList<>()).add(value);
		this.pendingMeta.putIfAbsent(id, new String[] { section, label, unit });
	}

	synchronized void complete() {
		this.pending.forEach((id, runs) -> {
			String[] meta = this.pendingMeta.get(id);
			this.figures.removeIf(figure -> figure.id().equals(id));
			this.figures.add(Figure.of(id, meta[0], meta[1], meta[2], runs));
		});
	}

	synchronized Optional<Figure> figure(String id) {
		return this.figures.stream().filter(figure -> figure.id().equals(id)).findFirst();
	}

	synchronized void latency(String name, Histogram histogram) {
		this.latencies.merge(name, histogram.copy(), (kept, added) -> {
			kept.add(added);
			return kept;
		});
	}

	synchronized void series(String name, long[] perSecond) {
		this.series.putIfAbsent(name, perSecond);
	}

	/**
	 * A series of samples taken at a fixed interval, charted over time.
	 * @param name the series name; its prefix before {@code ": "} names the chart group
	 * @param every the interval
	 * @param values the samples, in order
	 */
	synchronized void samples(String name, java.time.Duration every, double[] values) {
		double[] withInterval = new double[values.length + 1];
		withInterval[0] = every.toMillis() / 1000.0;
		System.arraycopy(values, 0, withInterval, 1, values.length);
		this.samples.putIfAbsent(name, withInterval);
	}

	synchronized void note(String note) {
		this.notes.add(note);
	}

	synchronized void finding(String finding) {
		this.findings.add(finding);
	}

}

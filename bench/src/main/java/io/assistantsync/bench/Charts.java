package io.assistantsync.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts with XChart: latency percentile distributions (HdrHistogram style: the x axis counts nines,
 * so the tail is as wide as the median) and throughput per second.
 */
final class Charts {

	private static final double[] PERCENTILES = { 0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99 };

	private Charts() {
	}

	/**
	 * Writes the charts.
	 * @return the file names written
	 */
	static List<String> write(Results results, Path directory) throws IOException {
		List<String> written = new ArrayList<>();
		latency(results, directory, "latency-ingest.png", "API ingest latency (POST to 202)",
				name -> name.startsWith("ingest"), written);
		latency(results, directory, "latency-end-to-end.png", "End to end latency (POST to SYNCED) and retry lateness",
				name -> name.startsWith("end to end") || name.startsWith("retry"), written);
		throughput(results, directory, "throughput-ingest-end-to-end.png", "POST/s and SYNCED/s over time",
				name -> name.startsWith("ingest") || name.startsWith("end to end"), "per second", written);
		throughput(results, directory, "throughput-drain.png", "Worker drain and peer over time",
				name -> name.startsWith("drain") || name.startsWith("peer"), "records per second", written);
		for (String unit : new String[] { "MB", "threads", "connections", "sockets", "rows" }) {
			sampled(results, directory, "soak-" + unit + ".png", "Soak: " + unit + " over time", unit, written);
		}
		return written;
	}

	/**
	 * One chart of the sampled series whose name ends with or contains the unit word, over minutes.
	 */
	private static void sampled(Results results, Path directory, String file, String title, String unit,
			List<String> written) throws IOException {
		XYChart chart = new XYChartBuilder().width(1000).height(600).title(title).xAxisTitle("minutes").yAxisTitle(unit).build();
		chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
		int series = 0;
		for (Map.Entry<String, double[]> entry : results.samples.entrySet()) {
			double[] values = entry.getValue();
			if (!entry.getKey().contains(unit) || values.length < 2) {
				continue;
			}
			double[] x = new double[values.length - 1];
			double[] y = new double[values.length - 1];
			for (int i = 1; i < values.length; i++) {
				x[i - 1] = i * values[0] / 60;
				y[i - 1] = values[i];
			}
			chart.addSeries(entry.getKey(), x, y).setMarker(SeriesMarkers.NONE);
			series++;
		}
		if (series > 0) {
			BitmapEncoder.saveBitmap(chart, directory.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
			written.add(file);
		}
	}

	private static void latency(Results results, Path directory, String file, String title, Predicate<String> which,
			List<String> written) throws IOException {
		XYChart chart = new XYChartBuilder().width(1000)
			.height(600)
			.title(title)
			.xAxisTitle("percentile, in nines: 0 = p0, 1 = p90, 2 = p99, 3 = p99.9, 4 = p99.99")
			.yAxisTitle("latency, ms (log)")
			.build();
		chart.getStyler().setYAxisLogarithmic(true);
		chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
		chart.getStyler().setXAxisDecimalPattern("0.#");
		int series = 0;
		for (Map.Entry<String, Histogram> entry : results.latencies.entrySet()) {
			Histogram histogram = entry.getValue();
			if (!which.test(entry.getKey()) || histogram.getTotalCount() == 0) {
				continue;
			}
			double[] x = new double[PERCENTILES.length];
			double[] y = new double[PERCENTILES.length];
			for (int i = 0; i < PERCENTILES.length; i++) {
				x[i] = -Math.log10(1 - PERCENTILES[i] / 100);
				y[i] = Math.max(0.01, histogram.getValueAtPercentile(PERCENTILES[i]) / 1000.0);
			}
			chart.addSeries(entry.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
			series++;
		}
		if (series > 0) {
			BitmapEncoder.saveBitmap(chart, directory.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
			written.add(file);
		}
	}

	private static void throughput(Results results, Path directory, String file, String title,
			Predicate<String> which, String yTitle, List<String> written) throws IOException {
		XYChart chart = new XYChartBuilder().width(1000)
			.height(600)
			.title(title)
			.xAxisTitle("seconds")
			.yAxisTitle(yTitle)
			.build();
		chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
		int series = 0;
		for (Map.Entry<String, long[]> entry : results.series.entrySet()) {
			long[] values = trimTrailingZeros(entry.getValue());
			if (!which.test(entry.getKey()) || values.length == 0) {
				continue;
			}
			double[] x = new double[values.length];
			double[] y = new double[values.length];
			for (int i = 0; i < values.length; i++) {
				x[i] = i + 1;
				y[i] = values[i];
			}
			chart.addSeries(entry.getKey(), x, y).setMarker(SeriesMarkers.NONE);
			series++;
		}
		if (series > 0) {
			BitmapEncoder.saveBitmap(chart, directory.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
			written.add(file);
		}
	}

	private static long[] trimTrailingZeros(long[] values) {
		int end = values.length;
		while (end > 0 && values[end - 1] == 0) {
			end--;
		}
		return java.util.Arrays.copyOf(values, end);
	}

}

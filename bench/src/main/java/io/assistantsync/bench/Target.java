package io.assistantsync.bench;

/**
 * A target of the benchmark with what was measured against it.
 *
 * @param name what is promised
 * @param measured the measured value (a median)
 * @param reference what it is compared with: the limit, the peer or the bound
 * @param ratio measured / reference
 * @param required the ratio needed: at least this ({@code higherIsBetter}) or at most this
 * @param higherIsBetter whether the ratio must be at least (true) or at most (false) {@code required}
 * @param met whether the target was met
 * @param basis how the figures relate, for people
 */
record Target(String name, double measured, double reference, double ratio, double required, boolean higherIsBetter,
		boolean met, String basis) {

	static Target atLeast(String name, double measured, double reference, double required, String basis) {
		double ratio = measured / reference;
		return new Target(name, measured, reference, ratio, required, true, ratio >= required, basis);
	}

	static Target atMost(String name, double measured, double bound, String basis) {
		double ratio = measured / bound;
		return new Target(name, measured, bound, ratio, 1.0, false, ratio <= 1.0, basis);
	}

}

package io.assistantsync.bench;

import java.time.Duration;

/**
 * The CPU time a process has used, user and system, over all its threads ({@code /proc/<pid>/stat} on
 * Linux), read at the start and at the end of a measured window: the service's CPU per request is the
 * difference divided by the requests answered in the window.
 */
final class ProcessCpu implements HttpLoad.Window {

	private final long pid;

	private volatile Duration atOpen = Duration.ZERO;

	private volatile Duration atClose = Duration.ZERO;

	ProcessCpu(long pid) {
		this.pid = pid;
	}

	@Override
	public void opened() {
		this.atOpen = now();
	}

	@Override
	public void closed() {
		this.atClose = now();
	}

	/**
	 * CPU per request in the window.
	 * @param requests requests answered in the window
	 * @return microseconds, or {@code NaN} when the system reports no CPU time for the process
	 */
	double microsPerRequest(long requests) {
		Duration used = this.atClose.minus(this.atOpen);
		if (requests == 0 || used.isZero()) {
			return Double.NaN;
		}
		return used.toNanos() / 1000.0 / requests;
	}

	private Duration now() {
		return ProcessHandle.of(this.pid).flatMap((process) -> process.info().totalCpuDuration()).orElse(Duration.ZERO);
	}

}

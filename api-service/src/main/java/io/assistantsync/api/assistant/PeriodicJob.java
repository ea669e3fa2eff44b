package io.assistantsync.api.assistant;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * A job of the assistant feature that runs on the application's task scheduler with a fixed delay between
 * runs, from the start of the application context until it stops; a failed run is logged and tried again at
 * the next interval.
 */
abstract class PeriodicJob implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PeriodicJob.class);

	private final String name;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private final Duration interval;

	private final boolean enabled;

	private volatile ScheduledFuture<?> schedule;

	/**
	 * @param name what the job does, for the log
	 * @param scheduler where it runs
	 * @param clock when the first run is due: one interval after the start
	 * @param interval the delay between the end of one run and the start of the next
	 * @param enabled whether it runs at all
	 */
	PeriodicJob(String name, TaskScheduler scheduler, Clock clock, Duration interval, boolean enabled) {
		this.name = name;
		this.scheduler = scheduler;
		this.clock = clock;
		this.interval = interval;
		this.enabled = enabled;
	}

	/**
	 * One run.
	 */
	abstract void runOnce();

	private void runQuietly() {
		try {
			runOnce();
		}
		catch (RuntimeException ex) {
			log.warn("{} failed; next try in {}: {}", this.name, this.interval, ex.getMessage());
		}
	}

	@Override
	public synchronized void start() {
		if (this.enabled && this.schedule == null) {
			this.schedule = this.scheduler.scheduleWithFixedDelay(this::runQuietly,
					this.clock.instant().plus(this.interval), this.interval);
		}
	}

	@Override
	public synchronized void stop() {
		ScheduledFuture<?> current = this.schedule;
		if (current != null) {
			current.cancel(false);
			this.schedule = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.schedule != null;
	}

}

package io.assistantsync.worker.dlt.cli;

import java.util.Iterator;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Moves console logging to standard error for the command line, so that standard output carries only
 * results and {@code --json} output can be piped into other tools.
 */
final class ConsoleLogging implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		toStandardError();
	}

	// after Spring Boot's LoggingApplicationListener, which configures the appenders
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	static void toStandardError() {
		if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return;
		}
		for (Logger logger : context.getLoggerList()) {
			for (Iterator<Appender<ILoggingEvent>> appenders = logger.iteratorForAppenders(); appenders.hasNext();) {
				if (appenders.next() instanceof ConsoleAppender<ILoggingEvent> console) {
					console.stop();
					console.setTarget("System.err");
					console.start();
				}
			}
		}
	}

}

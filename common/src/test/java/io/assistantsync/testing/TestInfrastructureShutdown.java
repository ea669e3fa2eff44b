package io.assistantsync.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import org.springframework.test.context.cache.DefaultCacheAwareContextLoaderDelegate;

/**
 * Closes the shared infrastructure at the end of a test run, in an order that cannot stall the JVM:
 * first the cached Spring test contexts (so no consumer is left talking to a stopped broker), then the
 * Kafka broker, then PostgreSQL. A broker left to JVM shutdown can hold the fork for 30 s.
 */
public final class TestInfrastructureShutdown implements LauncherSessionListener {

	@Override
	public void launcherSessionClosed(LauncherSession session) {
		closeSpringTestContexts();
		TestKafka.shutdown();
		TestPostgres.shutdown();
	}

	private static void closeSpringTestContexts() {
		try {
			SpringContexts.closeAll();
		}
		catch (LinkageError ex) {
			// spring-test is not on this module's test classpath: there are no contexts to close
		}
	}

	private static final class SpringContexts extends DefaultCacheAwareContextLoaderDelegate {

		static void closeAll() {
			new SpringContexts().getContextCache().clear();
		}

	}

}

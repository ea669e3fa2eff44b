package io.assistantsync.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Closes the shared infrastructure at the end of a test run, in an order that cannot stall the JVM:
 * first the Spring test contexts that use the shared infrastructure (so no consumer or relay is left
 * talking to a stopped broker or a dropped database), then the
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
			SharedInfrastructureInitializer.closeAll();
		}
		catch (LinkageError ex) {
			// Spring is not on this module's test classpath: there are no contexts to close
		}
	}

}

package io.assistantsync.api.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Turns on scheduling, which also makes Spring Boot configure the {@code TaskScheduler} that runs the
 * idempotency key expiry and the stream heartbeats ({@code spring.task.scheduling.*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {

}

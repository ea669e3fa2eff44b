package io.assistantsync.api.assistant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Group commit of {@code POST /api/assistants} ({@code assistants.intake.*}): creates that wait at the same time
 * are written by one transaction (see {@link IntakeCommitter}).
 *
 * @param batchSize the most creates one transaction writes; what waits beyond it goes into the next
 * ({@code ASSISTANTS_INTAKE_BATCH_SIZE})
 * @param committers threads that write groups, each with its own transaction and connection, so that one group's
 * statements run while another's commit waits for the disk ({@code ASSISTANTS_INTAKE_COMMITTERS})
 */
@Validated
@ConfigurationProperties("assistants.intake")
public record IntakeProperties(@DefaultValue("100") @Min(1) @Max(1000) int batchSize,
		@DefaultValue("2") @Min(1) @Max(16) int committers) {
}

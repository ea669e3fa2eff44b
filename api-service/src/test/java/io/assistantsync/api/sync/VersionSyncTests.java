package io.assistantsync.api.sync;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.assistantsync.api.SyncResults;
import io.assistantsync.api.assistant.SyncStatus;

import static org.assertj.core.api.Assertions.assertThat;

class VersionSyncTests {

	@Test
	void shouldBePendingWithoutAFinalResult() {
		VersionSync sync = VersionSync.older(List.of(SyncResults.retrying("a", "e", 2), SyncResults.retrying("a", "e", 1)),
				List.of());

		assertThat(sync.status()).isEqualTo(SyncStatus.PENDING);
		assertThat(sync.attempts()).isEqualTo(2);
		assertThat(sync.lastError().message()).isEqualTo("attempt 2 timed out");
	}

	@Test
	void shouldTakeTheLastFinalResult() {
		// newest first: a replayed dead letter synced after the dead letter
		VersionSync synced = VersionSync.older(List.of(SyncResults.synced("a", "e", 1),
				SyncResults.deadLettered("a", "e", 5), SyncResults.retrying("a", "e", 4)), List.of());
		VersionSync failed = VersionSync.older(List.of(SyncResults.deadLettered("a", "e", 5)), List.of());

		assertThat(synced.status()).isEqualTo(SyncStatus.SYNCED);
		assertThat(synced.attempts()).isEqualTo(5);
		assertThat(synced.lastError().type()).isEqualTo("PermanentSyncException");
		assertThat(failed.status()).isEqualTo(SyncStatus.FAILED);
	}

	@Test
	void shouldBePendingWithNothingWithoutResults() {
		VersionSync sync = VersionSync.older(List.of(), List.of());

		assertThat(sync.status()).isEqualTo(SyncStatus.PENDING);
		assertThat(sync.attempts()).isZero();
		assertThat(sync.lastError()).isNull();
	}

}

package io.assistantsync.common.id;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IdGeneratorTests {

	@Test
	void shouldMakeUrlSafeIdsOf21Characters() {
		IdGenerator ids = new IdGenerator();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			String id = ids.newId();
			assertThat(id).matches("[A-Za-z0-9_-]{21}");
			assertThat(seen.add(id)).isTrue();
		}
	}

	@Test
	void shouldMakeDistinctIdsOnManyThreadsAtOnce() throws Exception {
		IdGenerator ids = new IdGenerator();
		Set<String> seen = ConcurrentHashMap.newKeySet();
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				done.add(threads.submit(() -> {
					for (int i = 0; i < 5_000; i++) {
						assertThat(seen.add(ids.newId())).isTrue();
					}
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(seen).hasSize(40_000).allMatch((id) -> id.matches("[A-Za-z0-9_-]{21}"));
	}

	@Test
	void shouldBeReproducibleWithASeededRandom() {
		assertThat(new IdGenerator(new Random(7)).newId()).isEqualTo(new IdGenerator(new Random(7)).newId());
	}

	@Test
	void shouldRejectMalformedAssistantIds() {
		assertThat(AssistantId.isWellFormed(new IdGenerator().newId())).isTrue();
		assertThat(AssistantId.isWellFormed("short")).isFalse();
		assertThat(AssistantId.isWellFormed("../../../etc/passwd123")).isFalse();
		assertThat(AssistantId.isWellFormed(null)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> new AssistantId("nope"));
	}

	@Test
	void shouldDeriveTheSameResultIdForTheSameAttemptAndStatus() {
		String first = DerivedIds.syncResultId("event-1", 3, "RETRYING");
		assertThat(first).matches("[A-Za-z0-9_-]{21}");
		assertThat(DerivedIds.syncResultId("event-1", 3, "RETRYING")).isEqualTo(first);
		assertThat(DerivedIds.syncResultId("event-1", 4, "RETRYING")).isNotEqualTo(first);
		assertThat(DerivedIds.syncResultId("event-1", 3, "SYNCED")).isNotEqualTo(first);
		assertThat(DerivedIds.syncResultId("event-2", 3, "RETRYING")).isNotEqualTo(first);
		assertThat(DerivedIds.syncResultId("event-1", 0, 3, "RETRYING")).isEqualTo(first);
		assertThat(DerivedIds.syncResultId("event-1", 1, 3, "RETRYING")).isNotEqualTo(first)
			.isEqualTo(DerivedIds.syncResultId("event-1", 1, 3, "RETRYING"));
	}

}

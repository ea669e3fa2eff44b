package io.assistantsync.worker.dlt;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TakenOffsetsTests {

	@Test
	void shouldTakeNothingWithoutACommit() {
		TakenOffsets taken = TakenOffsets.decode(null);

		assertThat(taken.next()).isZero();
		assertThat(taken.isTaken(0)).isFalse();
		assertThat(taken.encode().offset()).isEqualTo(new OffsetAndMetadata(0, "v1:"));
	}

	@Test
	void shouldKeepOffsetsTakenOutOfOrderAsRangesAfterTheContiguousPrefix() {
		TakenOffsets taken = TakenOffsets.before(10);
		taken.take(12);
		taken.take(13);
		taken.take(14);
		taken.take(20);

		assertThat(taken.next()).isEqualTo(10);
		assertThat(taken.isTaken(9)).isTrue();
		assertThat(taken.isTaken(10)).isFalse();
		assertThat(taken.isTaken(11)).isFalse();
		assertThat(taken.isTaken(12)).isTrue();
		assertThat(taken.isTaken(14)).isTrue();
		assertThat(taken.isTaken(15)).isFalse();
		assertThat(taken.isTaken(20)).isTrue();
		assertThat(taken.encode().offset()).isEqualTo(new OffsetAndMetadata(10, "v1:12-14,20"));
		assertThat(taken.encode().unrecorded()).isZero();
	}

	@Test
	void shouldAdvanceThePrefixWhenTheGapCloses() {
		TakenOffsets taken = TakenOffsets.before(10);
		taken.take(12, 15);
		taken.take(11);
		taken.take(10);

		assertThat(taken.next()).isEqualTo(15);
		assertThat(taken.encode().offset()).isEqualTo(new OffsetAndMetadata(15, "v1:"));
	}

	@Test
	void shouldMergeOverlappingAndAdjacentRanges() {
		TakenOffsets taken = TakenOffsets.before(0);
		taken.take(5, 8);
		taken.take(10, 12);
		taken.take(8, 10);
		taken.take(20, 30);
		taken.take(25, 35);
		taken.take(3);

		assertThat(taken.encode().offset().metadata()).isEqualTo("v1:3,5-11,20-34");
	}

	@Test
	void shouldIgnoreOffsetsBeforeThePrefix() {
		TakenOffsets taken = TakenOffsets.before(10);
		taken.take(2);
		taken.take(0, 10);

		assertThat(taken.encode().offset()).isEqualTo(new OffsetAndMetadata(10, "v1:"));
	}

	@Test
	void shouldDecodeWhatItEncodes() {
		TakenOffsets taken = TakenOffsets.before(100);
		taken.take(102, 110);
		taken.take(200);
		taken.take(9_000_000_000L);

		TakenOffsets decoded = TakenOffsets.decode(taken.encode().offset());

		assertThat(decoded.next()).isEqualTo(100);
		assertThat(decoded.encode()).isEqualTo(taken.encode());
		assertThat(decoded.isTaken(109)).isTrue();
		assertThat(decoded.isTaken(110)).isFalse();
		assertThat(decoded.isTaken(9_000_000_000L)).isTrue();
	}

	@Test
	void shouldTreatForeignMetadataAsNoRanges() {
		assertThat(TakenOffsets.decode(new OffsetAndMetadata(7, "")).encode().offset())
			.isEqualTo(new OffsetAndMetadata(7, "v1:"));
		assertThat(TakenOffsets.decode(new OffsetAndMetadata(7, "something else")).isTaken(8)).isFalse();
		assertThat(TakenOffsets.decode(new OffsetAndMetadata(7, "v1:9,x-3")).isTaken(9)).isFalse();
	}

	@Test
	void shouldMergeWhatAnotherRunCommitted() {
		TakenOffsets ours = TakenOffsets.before(10);
		ours.take(15);
		TakenOffsets theirs = TakenOffsets.before(12);
		theirs.take(14);
		theirs.take(16);

		theirs.takeAll(ours);

		assertThat(theirs.encode().offset()).isEqualTo(new OffsetAndMetadata(12, "v1:14-16"));
	}

	@Test
	void shouldKeepTheLowestRangesWithinTheMetadataLimitAndCountTheRest() {
		TakenOffsets taken = TakenOffsets.before(0);
		for (long offset = 1_000_000; offset < 1_000_000 + 2 * 2000; offset += 2) {
			taken.take(offset);
		}

		TakenOffsets.Commit commit = taken.encode();

		assertThat(commit.offset().metadata()).hasSizeLessThanOrEqualTo(TakenOffsets.MAX_METADATA_LENGTH)
			.startsWith("v1:1000000,1000002,");
		int recorded = commit.offset().metadata().split(",").length;
		assertThat(recorded).isEqualTo(4093 / 8);
		assertThat(commit.unrecorded()).isEqualTo(2000 - recorded);
		TakenOffsets decoded = TakenOffsets.decode(commit.offset());
		assertThat(decoded.isTaken(1_000_000)).isTrue();
		assertThat(decoded.isTaken(1_000_000 + 2L * (recorded - 1))).isTrue();
		assertThat(decoded.isTaken(1_000_000 + 2L * recorded)).isFalse();
	}

}

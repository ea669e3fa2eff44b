package io.assistantsync.worker.dlt;

import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * The offsets of one dead-letter partition that replays took, kept in the replay group's committed offset.
 * A plain committed offset cannot say this, because filters take records out of order: replaying only
 * assistant B's record at offset 7 must not mark A's record at offset 3 as taken. So the committed offset is
 * the first offset not yet taken (everything before it was taken, or no longer exists), and the commit's
 * metadata lists the taken offsets after it as ranges: {@code v1:12-15,20} means 12, 13, 14, 15 and 20.
 */
final class TakenOffsets {

	/** Kafka's default {@code offset.metadata.max.bytes}; longer metadata is refused by the broker. */
	static final int MAX_METADATA_LENGTH = 4096;

	private static final String VERSION = "v1:";

	/** The first offset not taken. */
	private long next;

	/** Taken ranges after {@code next}: first offset to offset after the last; disjoint, not adjacent. */
	private final TreeMap<Long, Long> ranges = new TreeMap<>();

	private TakenOffsets(long next) {
		this.next = next;
	}

	/**
	 * Nothing taken before an offset.
	 * @param next the first offset not taken
	 * @return offsets where everything before {@code next} is taken
	 */
	static TakenOffsets before(long next) {
		return new TakenOffsets(next);
	}

	/**
	 * Reads a committed offset.
	 * @param committed the committed offset and metadata, or {@code null} when the group never committed
	 * @return what was taken; metadata in an unknown format (e.g. after an offset reset with Kafka's tools)
	 * counts as no taken offsets beyond the committed one
	 */
	static TakenOffsets decode(OffsetAndMetadata committed) {
		if (committed == null) {
			return new TakenOffsets(0);
		}
		TakenOffsets taken = new TakenOffsets(committed.offset());
		String metadata = committed.metadata();
		if (metadata == null || !metadata.startsWith(VERSION)) {
			return taken;
		}
		try {
			for (String range : metadata.substring(VERSION.length()).split(",")) {
				if (!range.isEmpty()) {
					int dash = range.indexOf('-');
					long first = Long.parseLong((dash < 0) ? range : range.substring(0, dash));
					long last = (dash < 0) ? first : Long.parseLong(range.substring(dash + 1));
					taken.take(first, last + 1);
				}
			}
			return taken;
		}
		catch (NumberFormatException ex) {
			return new TakenOffsets(committed.offset());
		}
	}

	/**
	 * The first offset not taken: where a resuming replay starts reading.
	 * @return the offset
	 */
	long next() {
		return this.next;
	}

	/**
	 * Whether a replay took an offset.
	 * @param offset the offset
	 * @return {@code true} when taken
	 */
	boolean isTaken(long offset) {
		if (offset < this.next) {
			return true;
		}
		Map.Entry<Long, Long> range = this.ranges.floorEntry(offset);
		return range != null && offset < range.getValue();
	}

	/**
	 * Records one offset as taken.
	 * @param offset the offset
	 */
	void take(long offset) {
		take(offset, offset + 1);
	}

	/**
	 * Records offsets as taken.
	 * @param from the first offset
	 * @param to the offset after the last
	 */
	void take(long from, long to) {
		long start = Math.max(from, this.next);
		long end = to;
		if (start >= end) {
			return;
		}
		Map.Entry<Long, Long> before = this.ranges.floorEntry(start);
		if (before != null && before.getValue() >= start) {
			start = before.getKey();
			end = Math.max(end, before.getValue());
		}
		for (Map.Entry<Long, Long> after = this.ranges.ceilingEntry(start); after != null
				&& after.getKey() <= end; after = this.ranges.ceilingEntry(start)) {
			end = Math.max(end, after.getValue());
			this.ranges.remove(after.getKey());
		}
		if (start == this.next) {
			this.next = end;
		}
		else {
			this.ranges.put(start, end);
		}
	}

	/**
	 * Adds everything another record of the same partition took, e.g. a commit made by a concurrent run.
	 * @param other the other record
	 */
	void takeAll(TakenOffsets other) {
		take(0, other.next);
		other.ranges.forEach(this::take);
	}

	/**
	 * The commit that records these offsets, within Kafka's metadata limit. When the ranges do not all fit,
	 * the lowest are kept: the offsets left out are not recorded, so a later replay takes them again.
	 * @return the offset to commit and how many taken offsets it leaves out
	 */
	Commit encode() {
		StringBuilder metadata = new StringBuilder(VERSION);
		long unrecorded = 0;
		for (Map.Entry<Long, Long> range : this.ranges.entrySet()) {
			long last = range.getValue() - 1;
			String text = (range.getKey() == last) ? Long.toString(last) : range.getKey() + "-" + last;
			int separator = (metadata.length() > VERSION.length()) ? 1 : 0;
			if (unrecorded > 0 || metadata.length() + separator + text.length() > MAX_METADATA_LENGTH) {
				unrecorded += range.getValue() - range.getKey();
				continue;
			}
			metadata.append((separator == 1) ? "," : "").append(text);
		}
		return new Commit(new OffsetAndMetadata(this.next, metadata.toString()), unrecorded);
	}

	@Override
	public String toString() {
		return encode().offset().offset() + " " + encode().offset().metadata();
	}

	/**
	 * A commit of taken offsets.
	 *
	 * @param offset the offset and metadata to commit
	 * @param unrecorded taken offsets that did not fit into the metadata
	 */
	record Commit(OffsetAndMetadata offset, long unrecorded) {
	}

}

/**
 * What api-service and sync-worker share. Plain Java: no Spring beans live here.
 *
 * <ul>
 * <li>{@link io.assistantsync.common.event}: the event records and the resource snapshot they carry;</li>
 * <li>{@link io.assistantsync.common.kafka}: topic and header names, CloudEvents headers;</li>
 * <li>{@link io.assistantsync.common.id}: the nanoid {@code IdGenerator} and derived event ids;</li>
 * <li>{@link io.assistantsync.common.json}: the JSON mapping both sides use (Jackson 3);</li>
 * <li>{@link io.assistantsync.common.problem}: the problem types (RFC 9457) of both HTTP APIs;</li>
 * <li>{@link io.assistantsync.common.validation}: the field rules of an assistant.</li>
 * </ul>
 */
package io.assistantsync.common;

/**
 * The dead-letter topic: reading and filtering it, replaying dead letters to the pending-create topic, the
 * audit event of every replay run, and the {@code sync.ops.*} properties. Its two entry points use it:
 * {@link io.assistantsync.worker.dlt.cli} (the {@code dlt} command line) and
 * {@link io.assistantsync.worker.dlt.admin} (the admin API of the worker).
 */
package io.assistantsync.worker.dlt;

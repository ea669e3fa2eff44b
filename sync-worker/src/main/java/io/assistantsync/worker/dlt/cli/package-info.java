/**
 * The {@code dlt list} and {@code dlt replay} command line of the worker's jar: its options, output and exit
 * codes, and the small Spring context it starts. Nothing here is a Spring component: the worker's component
 * scan must not start the command line's context.
 */
package io.assistantsync.worker.dlt.cli;

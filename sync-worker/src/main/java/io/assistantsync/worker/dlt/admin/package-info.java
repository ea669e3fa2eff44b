/**
 * The admin API of the dead-letter topic ({@code /admin/dlt}) on the worker's port: its controller, request
 * body and problems, and the ops token that guards every {@code /admin} path.
 */
package io.assistantsync.worker.dlt.admin;

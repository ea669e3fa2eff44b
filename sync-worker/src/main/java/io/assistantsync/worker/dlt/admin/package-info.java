/**
 * The admin API of the dead-letter topic ({@code /admin/dlt}) on the worker's port: its controller, request
 * body and problems, and the Spring Security that guards every {@code /admin} path (a JWT with scope
 * {@code ops:dlt}, or the static ops token).
 */
package io.assistantsync.worker.dlt.admin;

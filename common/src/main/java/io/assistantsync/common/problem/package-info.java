/**
 * The RFC 9457 problem types both services answer with: type URIs, titles and statuses, without Spring, so
 * that each service builds its {@code ProblemDetail} from the same table.
 */
package io.assistantsync.common.problem;

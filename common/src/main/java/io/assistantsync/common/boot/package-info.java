/**
 * Spring configuration that both services share; optional dependencies, so that users of {@code common}
 * without Spring are not affected.
 */
package io.assistantsync.common.boot;

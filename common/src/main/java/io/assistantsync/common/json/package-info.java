/**
 * JSON mapping shared by both services (Jackson 3, {@code tools.jackson.*}).
 */
package io.assistantsync.common.json;

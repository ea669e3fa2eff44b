/**
 * Topic and header names, and the CloudEvents headers every event carries.
 */
package io.assistantsync.common.kafka;

/**
 * The events of docs/contract.md §3, named in the past tense; their wire names are in
 * {@link io.assistantsync.common.kafka.EventTypes}.
 */
package io.assistantsync.common.event;

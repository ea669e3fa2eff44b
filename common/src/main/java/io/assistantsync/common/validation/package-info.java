/**
 * The field rules of an assistant, applied by the api-service to requests and by the sync-worker to events.
 */
package io.assistantsync.common.validation;

/**
 * Ids: random nanoids for new things, derived ids for things written more than once.
 */
package io.assistantsync.common.id;

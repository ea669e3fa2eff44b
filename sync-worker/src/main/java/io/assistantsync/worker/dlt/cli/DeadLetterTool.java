package io.assistantsync.worker.dlt.cli;

import io.assistantsync.worker.dlt.DeadLetterBrowser;
import io.assistantsync.worker.dlt.DeadLetterReplayer;

/**
 * The services a {@code dlt} command runs on, from whichever Spring context hosts them.
 *
 * @param browser lists dead letters
 * @param replayer replays dead letters
 */
record DeadLetterTool(DeadLetterBrowser browser, DeadLetterReplayer replayer) {
}

package io.assistantsync.bench;

import java.io.PrintStream;

/**
 * What a fault acts on: the broker, the authoritative store, the services, and the ledger of accepted
 * assistants (for the POSTs a fault adds).
 *
 * @param broker the broker
 * @param authority the authoritative store's PostgreSQL
 * @param fleet the api-service and the workers
 * @param ledger the accepted assistants
 * @param out where progress goes
 */
record ChaosRig(ChaosBroker broker, ChaosStore authority, ChaosFleet fleet, ChaosLedger ledger, PrintStream out) {
}

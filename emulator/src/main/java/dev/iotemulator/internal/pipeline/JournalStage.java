package dev.iotemulator.internal.pipeline;

import dev.iotemulator.internal.journal.Journal;

/** Stage 3: every message that passed the checks is journaled with its source and principal. */
final class JournalStage {

    private final Journal journal;

    JournalStage(Journal journal) {
        this.journal = journal;
    }

    void record(Publish p) {
        if (journal.enabled()) {
            journal.publish(p.clientId(), p.principal(), p.topic(), p.payload(), p.qos(), p.retain(),
                    p.source().label(), p.properties());
        }
    }
}

package io.tahweel.replay.verify;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.StateHash;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.recovery.Recovery;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalContext;
import io.tahweel.journal.Snapshot;
import io.tahweel.journal.SnapshotStore;
import io.tahweel.engine.state.SnapshotReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks a node's data directory offline: replays the journal from genesis, then again from the
 * latest snapshot plus the tail, and compares the two state hashes. It also checks the ledger's
 * invariants. Opens the journal read-only, so it can run on a copy or beside a live node.
 */
public final class JournalVerifier
{
    /** What a verification found. {@code ok()} is false on any mismatch or broken invariant. */
    public record Report(
        long entries,
        StateHash genesisHash,
        StateHash snapshotHash,
        long snapshotSequence,
        String invariantViolation,
        long elapsedNanos)
    {
        public boolean ok()
        {
            return genesisHash.equals(snapshotHash) && invariantViolation == null;
        }
    }

    private final CoreContext coreContext;

    public JournalVerifier(final CoreContext coreContext)
    {
        this.coreContext = coreContext;
    }

    public Report verify(final Path dataDirectory)
    {
        final Path journalDirectory = dataDirectory.resolve("journal");
        if (!Files.isDirectory(journalDirectory))
        {
            throw new IllegalArgumentException("no journal under " + dataDirectory + " (expected " + journalDirectory + ")");
        }
        final long start = System.nanoTime();
        try (Journal journal = new Journal(new JournalContext().directory(journalDirectory).readOnly(true)))
        {
            final long last = journal.lastSequence();
            final SwitchCore fromGenesis = Recovery.replayFromGenesis(coreContext, journal, last);
            final StateHash genesisHash = fromGenesis.stateHash();

            final SwitchCore fromSnapshot = new SwitchCore(coreContext);
            long snapshotSequence = 0;
            final Path snapshotDirectory = dataDirectory.resolve("snapshots");
            if (Files.isDirectory(snapshotDirectory))
            {
                final Optional<Snapshot> snapshot = Recovery.usableSnapshot(journal, new SnapshotStore(snapshotDirectory));
                if (snapshot.isPresent())
                {
                    fromSnapshot.readSnapshot(new SnapshotReader(snapshot.get().payload(), 0,
                        snapshot.get().payloadLength()));
                    snapshotSequence = snapshot.get().sequence();
                }
            }
            Recovery.replay(fromSnapshot, journal, last);
            return new Report(last, genesisHash, fromSnapshot.stateHash(), snapshotSequence,
                fromGenesis.ledger().checkInvariants(), System.nanoTime() - start);
        }
    }
}

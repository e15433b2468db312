package io.tahweel.engine.recovery;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.journal.Journal;
import io.tahweel.journal.Snapshot;
import io.tahweel.journal.SnapshotStore;

import java.util.List;
import java.util.Optional;

/**
 * Rebuilds the core from disk: the newest usable snapshot, then the journal tail after it.
 * Replay from genesis is the same with no snapshot; both must give the same state hash.
 */
public final class Recovery
{
    private Recovery()
    {
    }

    /**
     * Latest snapshot at or before the journal's end, plus the tail. A snapshot this build cannot
     * read (corrupt, or written by another snapshot version) is skipped for an older one, and
     * ultimately for a replay from genesis: slower, never wrong.
     */
    public static SwitchCore recover(final CoreContext context, final Journal journal, final SnapshotStore snapshots)
    {
        final long last = journal.lastSequence();
        final List<Long> sequences = snapshots.sequences();
        for (int i = sequences.size() - 1; i >= 0; i--)
        {
            final long sequence = sequences.get(i);
            if (sequence > last)
            {
                continue;
            }
            final SwitchCore core = new SwitchCore(context);
            try
            {
                final Snapshot snapshot = snapshots.load(snapshots.fileFor(sequence));
                core.readSnapshot(new SnapshotReader(snapshot.payload(), 0, snapshot.payloadLength()));
            }
            catch (final RuntimeException ex)
            {
                System.getLogger(Recovery.class.getName()).log(System.Logger.Level.WARNING,
                    "skipping snapshot at sequence " + sequence + ": " + ex.getMessage());
                continue;
            }
            replay(core, journal, last);
            return core;
        }
        final SwitchCore core = new SwitchCore(context);
        replay(core, journal, last);
        return core;
    }

    /** A fresh core fed every entry from the first, ignoring snapshots. */
    public static SwitchCore replayFromGenesis(final CoreContext context, final Journal journal, final long toSequence)
    {
        final SwitchCore core = new SwitchCore(context);
        replay(core, journal, toSequence);
        return core;
    }

    /** Applies entries after the core's last sequence up to {@code toSequence} inclusive. */
    public static void replay(final SwitchCore core, final Journal journal, final long toSequence)
    {
        final long from = core.lastSequence() + 1;
        if (toSequence < from)
        {
            return;
        }
        final Outcome outcome = new Outcome();
        journal.readRange(from, toSequence, (buffer, offset, length, sequence) ->
            core.onEntry(buffer, offset, length, outcome));
        if (core.lastSequence() != toSequence)
        {
            throw new IllegalStateException("replay stopped at sequence " + core.lastSequence() + ", expected " +
                toSequence);
        }
    }

    /** The newest valid snapshot whose sequence the journal still covers. */
    public static Optional<Snapshot> usableSnapshot(final Journal journal, final SnapshotStore snapshots)
    {
        final long last = journal.lastSequence();
        final List<Long> sequences = snapshots.sequences();
        for (int i = sequences.size() - 1; i >= 0; i--)
        {
            final long sequence = sequences.get(i);
            if (sequence > last)
            {
                continue;
            }
            try
            {
                return Optional.of(snapshots.load(snapshots.fileFor(sequence)));
            }
            catch (final RuntimeException ex)
            {
                // A corrupt or truncated snapshot is skipped: an older one plus a longer tail gives the same state.
            }
        }
        return Optional.empty();
    }
}

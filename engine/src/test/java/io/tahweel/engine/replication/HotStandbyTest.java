package io.tahweel.engine.replication;

import static io.tahweel.engine.replication.ReplicatedPrimary.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.recovery.CoreSnapshotter;
import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.engine.testing.Scenario;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalContext;
import io.tahweel.journal.Snapshot;
import io.tahweel.journal.SnapshotStore;
import io.tahweel.journal.replication.AckListener;
import io.tahweel.journal.replication.ReplicationContext;
import io.tahweel.journal.replication.ReplicationMedia;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A primary and a hot standby in one JVM over Aeron IPC (one embedded media driver), each with its
 * own Chronicle journal and its own real {@code SwitchCore}.
 */
class HotStandbyTest
{
    private static final long TIMEOUT_MS = 30_000;

    @TempDir
    Path dir;

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private ReplicationMedia media;
    private ReplicationContext replication;

    @BeforeEach
    void launch()
    {
        media = ReplicationMedia.launchEmbedded(dir.resolve("aeron"));
        replication = new ReplicationContext().entryChannel("aeron:ipc").ackChannel("aeron:ipc");
    }

    @AfterEach
    void close()
    {
        media.close();
    }

    private StandbyNode standby(final long checkpointInterval)
    {
        return standby(checkpointInterval, 0);
    }

    private StandbyNode standby(final long checkpointInterval, final long snapshotInterval)
    {
        return new StandbyNode(replication, media.aeron(), dir.resolve("standby-journal"),
            dir.resolve("standby-snapshots"), ReplicatedPrimary.CORE, checkpointInterval, snapshotInterval,
            () -> new BackoffIdleStrategy(10, 5, 1_000, 1_000_000), errors::add);
    }

    @Test
    void theStandbysCoreReachesThePrimarysStateHashAtTheSameSequence()
    {
        final long interval = 100;
        try (ReplicatedPrimary primary = new ReplicatedPrimary(dir.resolve("primary-journal"), replication,
            media.aeron(), interval, AckListener.NO_OP, errors))
        {
            final StandbyNode standby = standby(interval);
            primary.genesis();
            primary.traffic(2_000);
            final long last = primary.journal.lastSequence();
            await(() -> standby.standbyCore().appliedSequence() == last, TIMEOUT_MS, "the standby core to apply " + last);
            await(() -> standby.standbyCore().matchedCheckpoints() >= last / interval - 1, TIMEOUT_MS,
                "checkpoints to be compared");
            standby.close();

            assertEquals(null, standby.failure());
            assertEquals(last, standby.standbyCore().core().lastSequence());
            assertEquals(primary.core.stateHash(), standby.standbyCore().core().stateHash());
        }
    }

    @Test
    void theStandbyWritesItsOwnSnapshotsOfThePrimarysStateAndARestartedStandbyGoesOnFromThem()
    {
        final long interval = 100;
        final long snapshotInterval = 500;
        final Path snapshotDirectory = dir.resolve("standby-snapshots");
        try (ReplicatedPrimary primary = new ReplicatedPrimary(dir.resolve("primary-journal"), replication,
            media.aeron(), interval, AckListener.NO_OP, errors))
        {
            final StandbyNode first = standby(interval, snapshotInterval);
            primary.genesis();
            primary.traffic(2_000);
            final long last = primary.journal.lastSequence();
            await(() -> first.standbyCore().appliedSequence() == last, TIMEOUT_MS, "the standby core to apply " + last);
            first.close();
            assertEquals(null, first.failure());

            final SnapshotStore snapshots = new SnapshotStore(snapshotDirectory);
            final List<Long> sequences = snapshots.sequences();
            final long newest = last / snapshotInterval * snapshotInterval;
            assertEquals(Math.min(CoreSnapshotter.SNAPSHOTS_KEPT, newest / snapshotInterval), sequences.size(),
                "snapshots kept: " + sequences);
            assertEquals(newest, sequences.get(sequences.size() - 1));
            for (final long sequence : sequences)
            {
                assertEquals(0, sequence % snapshotInterval);
                final Snapshot snapshot = snapshots.load(snapshots.fileFor(sequence));
                final SwitchCore core = new SwitchCore(ReplicatedPrimary.CORE);
                core.readSnapshot(new SnapshotReader(snapshot.payload(), 0, snapshot.payloadLength()));
                assertEquals(sequence, core.lastSequence());
                assertEquals(primary.hashes.get((int)(sequence / interval) - 1), core.stateHash(),
                    "the standby's snapshot at " + sequence + " is the primary's state there");
            }

            final StandbyNode second = standby(interval, snapshotInterval);
            assertEquals(last, second.standbyCore().appliedSequence(), "recovered from the snapshot and the tail");
            primary.traffic(1_000);
            final long end = primary.journal.lastSequence();
            await(() -> second.standbyCore().appliedSequence() == end, TIMEOUT_MS, "the restarted standby to apply " + end);
            // the primary's checkpoints are hashed off its core thread and may trail the standby's core
            await(() -> second.standbyCore().matchedCheckpoints() > 0, TIMEOUT_MS, "checkpoints compared after the restart");
            second.close();
            assertEquals(null, second.failure());
            assertEquals(primary.core.stateHash(), second.standbyCore().core().stateHash());
            assertEquals(end / snapshotInterval * snapshotInterval,
                snapshots.sequences().get(snapshots.sequences().size() - 1));
        }
    }

    @Test
    void aDifferentEntryInTheStandbysJournalStopsItNamingTheSequenceAndBothHashes()
    {
        final long interval = 10;
        try (ReplicatedPrimary primary = new ReplicatedPrimary(dir.resolve("primary-journal"), replication,
            media.aeron(), interval, AckListener.NO_OP, errors))
        {
            primary.genesis();
            primary.traffic(13);
            assertEquals(30, primary.journal.lastSequence());
            try (Journal standbyJournal = new Journal(new JournalContext().directory(dir.resolve("standby-journal"))))
            {
                final int tampered = 15;
                for (int i = 0; i < primary.stamped.size(); i++)
                {
                    final long sequence = i + 1;
                    final byte[] entry = sequence == tampered ?
                        primary.stamp(primary.commands().transfer(1, Scenario.OPERATOR_ACCOUNT, Scenario.CARD_ACCOUNT,
                            Scenario.FUNDS - 1, Scenario.EGP, 0, 0, 0), sequence, primary.timestampOf(sequence)) :
                        primary.stamped.get(i);
                    standbyJournal.append(new UnsafeBuffer(entry), 0, entry.length);
                }
            }
            final StandbyNode standby = standby(interval);
            primary.traffic(200);
            await(() -> standby.failure() != null, TIMEOUT_MS, "the standby to detect divergence");
            standby.close();

            final StateDivergedException diverged = assertInstanceOf(StateDivergedException.class, standby.failure());
            final long at = diverged.sequence();
            assertTrue(at >= 20 && at % interval == 0, "diverged at " + at);
            assertEquals(primary.hashes.get((int)(at / interval) - 1).hex(), diverged.primaryHash());
            assertNotEquals(diverged.primaryHash(), diverged.standbyHash());
            assertTrue(diverged.getMessage().contains("sequence " + at) &&
                diverged.getMessage().contains(diverged.primaryHash()) &&
                diverged.getMessage().contains(diverged.standbyHash()), diverged.getMessage());
            assertTrue(standby.standbyCore().appliedSequence() < primary.journal.lastSequence(),
                "the standby stopped applying");
        }
    }

    @Test
    void inSyncModeAnAnswerIsReleasedOnlyOnceTheStandbyJournaledItsEntry()
    {
        final ReplicatedPrimary[] holder = new ReplicatedPrimary[1];
        final StandbyAckGate gate = new StandbyAckGate(ReplicationMode.SYNC,
            () -> holder[0].publisher.isStandbyAlive(), SystemNanoClock.INSTANCE);
        try (ReplicatedPrimary primary = new ReplicatedPrimary(dir.resolve("primary-journal"), replication,
            media.aeron(), 0, gate, errors))
        {
            holder[0] = primary;
            assertFalse(gate.acceptsNewWork(), "no standby yet: sync declines new work");
            final StandbyNode standby = standby(0);
            await(gate::acceptsNewWork, TIMEOUT_MS, "the standby's first heartbeat");

            primary.genesis();
            for (int i = 0; i < 500; i++)
            {
                primary.traffic(1);
                final long sequence = primary.journal.lastSequence();
                assertTrue(gate.awaitReleasable(sequence, TimeUnit.SECONDS.toNanos(5)), "released " + sequence);
                assertTrue(standby.follower().journaledSequence() >= sequence, "journaled before release");
            }

            standby.close();
            await(() -> !gate.acceptsNewWork(), TIMEOUT_MS, "the primary to notice the standby is gone");
            primary.traffic(1);
            final long unreplicated = primary.journal.lastSequence();
            assertFalse(gate.awaitReleasable(unreplicated, TimeUnit.MILLISECONDS.toNanos(200)),
                "nothing is released without a standby");
            gate.mode(ReplicationMode.SOLO);
            assertTrue(gate.acceptsNewWork() && gate.awaitReleasable(unreplicated, 0), "an operator switched to solo");
        }
    }
}

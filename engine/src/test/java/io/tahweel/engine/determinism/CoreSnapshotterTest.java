package io.tahweel.engine.determinism;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.StateHash;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.determinism.WorkloadGenerator.Command;
import io.tahweel.engine.recovery.CoreSnapshotter;
import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.engine.state.SnapshotWriter;
import io.tahweel.engine.testing.CoreDriver;
import io.tahweel.journal.Snapshot;
import io.tahweel.journal.SnapshotStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshotter serialises on the caller's thread and writes files on its own: whatever the timing,
 * every file on disk loads into the state the core had at its sequence, a snapshot due while a file
 * is still being written is skipped (counted) rather than waited for, and the closing snapshot is on
 * disk when {@link CoreSnapshotter#snapshotAndWait} returns.
 */
class CoreSnapshotterTest
{
    private static final long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    @TempDir
    Path dir;

    @Test
    void everyFileWrittenInTheBackgroundIsTheStateAtItsSequenceAndTheClosingOneIsWrittenAtOnce()
    {
        final WorkloadGenerator generator = new WorkloadGenerator(7);
        final CoreDriver driver = new CoreDriver(smallCore());
        apply(driver, generator.genesis());
        final SnapshotStore store = new SnapshotStore(dir);
        final List<StateHash> expected = new ArrayList<>();
        final int rounds = 12;
        long skipped;
        try (CoreSnapshotter snapshotter = new CoreSnapshotter(store))
        {
            for (int round = 0; round < rounds; round++)
            {
                apply(driver, generator.traffic(50 + round * 7));
                expected.add(driver.core().stateHash());
                snapshotter.snapshot(driver.core());
            }
            apply(driver, generator.traffic(100));
            final StateHash closing = driver.core().stateHash();
            snapshotter.snapshotAndWait(driver.core());
            assertEquals(closing.sequence(), store.sequences().get(store.sequences().size() - 1),
                "the closing snapshot is on disk when snapshotAndWait returns");
            assertEquals(closing, load(store, closing.sequence()));
            skipped = snapshotter.skipped();
        }

        final List<Long> onDisk = store.sequences();
        assertTrue(onDisk.size() <= CoreSnapshotter.SNAPSHOTS_KEPT, "pruned to the newest: " + onDisk);
        for (final long sequence : onDisk)
        {
            final StateHash hash = load(store, sequence);
            assertTrue(hash.sequence() == sequence &&
                (expected.contains(hash) || sequence == onDisk.get(onDisk.size() - 1)), "snapshot at " + sequence);
        }
        assertTrue(skipped >= 0 && skipped < rounds, "skipped " + skipped);
    }

    @Test
    void aSnapshotCopiedFromAlreadySerialisedStateIsTheSameFileAsOneSerialisedForIt()
    {
        final WorkloadGenerator generator = new WorkloadGenerator(11);
        final CoreDriver driver = new CoreDriver(smallCore());
        apply(driver, generator.genesis());
        apply(driver, generator.traffic(300));
        final SnapshotStore serialisedStore = new SnapshotStore(dir.resolve("serialised"));
        final SnapshotStore copiedStore = new SnapshotStore(dir.resolve("copied"));
        final SnapshotWriter checkpoint = new SnapshotWriter(1024); // small: the copy must grow its own buffer
        driver.core().writeSnapshot(checkpoint);
        try (CoreSnapshotter serialising = new CoreSnapshotter(serialisedStore);
            CoreSnapshotter copying = new CoreSnapshotter(copiedStore))
        {
            serialising.snapshot(driver.core());
            copying.snapshotFrom(driver.core(), checkpoint);
            copying.snapshotFrom(driver.core(), checkpoint); // same sequence: taken once
        }
        final long sequence = driver.core().lastSequence();
        assertEquals(List.of(sequence), copiedStore.sequences());
        final Snapshot serialised = serialisedStore.load(serialisedStore.fileFor(sequence));
        final Snapshot copied = copiedStore.load(copiedStore.fileFor(sequence));
        assertEquals(serialised.payloadLength(), copied.payloadLength());
        final byte[] serialisedBytes = new byte[serialised.payloadLength()];
        final byte[] copiedBytes = new byte[copied.payloadLength()];
        serialised.payload().getBytes(0, serialisedBytes);
        copied.payload().getBytes(0, copiedBytes);
        assertArrayEquals(serialisedBytes, copiedBytes, "same bytes");
        assertEquals(driver.core().stateHash(), load(copiedStore, sequence));
    }

    private static CoreContext smallCore()
    {
        return new CoreContext().participantCapacity(16).routeCapacity(16)
            .accountCapacity(1024).cardCapacity(1024).transferCapacity(4 * 1024).authorizationCapacity(4 * 1024)
            .storeAndForwardCapacity(64);
    }

    private static StateHash load(final SnapshotStore store, final long sequence)
    {
        final Snapshot snapshot = store.load(store.fileFor(sequence));
        final SwitchCore core = new SwitchCore(smallCore());
        core.readSnapshot(new SnapshotReader(snapshot.payload(), 0, snapshot.payloadLength()));
        return core.stateHash();
    }

    private static void apply(final CoreDriver driver, final List<Command> commands)
    {
        for (final Command command : commands)
        {
            driver.at(driver.now() + STEP_NANOS + command.jumpNanos()).apply(command.bytes());
        }
    }
}

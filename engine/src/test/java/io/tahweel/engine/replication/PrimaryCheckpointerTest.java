package io.tahweel.engine.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.state.SnapshotWriter;
import io.tahweel.engine.testing.CoreDriver;
import io.tahweel.engine.testing.Scenario;
import io.tahweel.engine.testing.TestCommands;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The primary's checkpointer hashes what {@link SwitchCore#stateHash()} hashes, into a buffer sized at construction
 * from the core's capacities that no checkpoint replaces or grows.
 */
class PrimaryCheckpointerTest
{
    private static final CoreContext CORE = new CoreContext().participantCapacity(16).routeCapacity(64)
        .accountCapacity(1024).cardCapacity(1024).transferCapacity(4096).authorizationCapacity(4096);
    private static final long INTERVAL = 4;

    @Test
    void checkpointsHashTheStateIntoOneBufferSizedAtStart() throws InterruptedException
    {
        final Map<Long, String> sent = new ConcurrentHashMap<>();
        final CoreDriver driver = new CoreDriver(CORE);
        final List<byte[]> entries = Scenario.genesis(new TestCommands());
        final List<Long> due = new ArrayList<>();
        final Map<Long, String> expected = new ConcurrentHashMap<>();
        final CheckpointSink sink =
            (sequence, digest, offset) -> null == sent.put(sequence, Checkpoints.hexOf(digest, offset));
        try (PrimaryCheckpointer checkpointer = new PrimaryCheckpointer(sink, INTERVAL, CORE))
        {
            final SnapshotWriter state = checkpointer.state();
            assertEquals(SwitchCore.maxSnapshotLength(CORE), state.capacity());
            final Object buffer = state.buffer();
            for (final byte[] entry : entries)
            {
                driver.advanceSeconds(1).apply(entry);
                checkpointer.afterEntry(driver.core());
                if (Checkpoints.isDue(driver.lastSequence(), INTERVAL))
                {
                    due.add(driver.lastSequence());
                    expected.put(driver.lastSequence(), driver.core().stateHash().hex());
                }
                assertSame(state, checkpointer.state());
                assertSame(buffer, state.buffer());
                assertEquals(SwitchCore.maxSnapshotLength(CORE), state.capacity());
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (sent.size() < due.size() && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
            assertTrue(due.size() >= 3, "checkpoints taken: " + due);
            assertEquals(expected, sent);
            assertEquals(due.size(), checkpointer.sent());
        }
    }

    @Test
    void capacitiesTooLargeToCheckpointAreRefusedAtStart()
    {
        final CoreContext huge = new CoreContext().authorizationCapacity(1 << 26);
        assertThrows(IllegalArgumentException.class,
            () -> new PrimaryCheckpointer((sequence, digest, offset) -> true, INTERVAL, huge).close());
    }
}

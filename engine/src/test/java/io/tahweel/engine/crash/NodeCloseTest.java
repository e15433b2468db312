package io.tahweel.engine.crash;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.node.NodeContext;
import io.tahweel.engine.node.SwitchNode;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.engine.pipeline.PipelineContext;
import io.tahweel.engine.testing.Scenario;
import io.tahweel.engine.testing.TestCommands;
import io.tahweel.journal.SnapshotStore;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves {@link SwitchNode#close()} is a clean stop: when it returns, the stage threads have
 * exited and the closing snapshot (taken on the core thread) is on disk at the last sequence,
 * so a process that exits right after close, or a node reopened on the same directory, sees it.
 */
class NodeCloseTest
{

    @Test
    void closeReturnsOnlyAfterTheClosingSnapshotIsWritten(@TempDir final Path dataDir)
    {
        final TestCommands commands = new TestCommands();
        final String name = "close-" + Long.toHexString(System.nanoTime());
        final NodeContext context = new NodeContext().dataDirectory(dataDir).clock(new SystemEpochNanoClock())
            .tickIntervalMs(0)
            .coreContext(new CoreContext().transferCapacity(4096).authorizationCapacity(4096).accountCapacity(64)
                .cardCapacity(64))
            .pipelineContext(new PipelineContext().name(name).ringSize(1024).snapshotInterval(1_000_000));
        final long last;
        try (SwitchNode node = SwitchNode.start(context, Scenario.genesis(commands)))
        {
            for (int i = 0; i < 2_000; i++)
            {
                final byte[] tick = commands.tick();
                final CommandSlot slot = node.publisher().claim();
                slot.buffer().putBytes(0, tick);
                node.publisher().publish(slot.length(tick.length));
            }
            last = Scenario.genesis(commands).size() + 2_000;
            assertTrue(node.awaitOutput(last, 10, TimeUnit.SECONDS));
        }
        final List<String> alive = new ArrayList<>();
        Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith(name + "-"))
            .forEach(t -> alive.add(t.getName()));
        final SnapshotStore snapshots = new SnapshotStore(context.snapshotDirectory());
        assertTrue(Files.exists(snapshots.fileFor(last)), "closing snapshot at " + last + " written by the time close() " +
            "returned; present: " + snapshots.sequences() + ", stage threads still alive: " + alive);
        assertEquals(List.of(), alive, "stage threads still running after close()");
    }
}

package io.tahweel.engine.crash;

import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.core.StateHash;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.determinism.PipelineThreads;
import io.tahweel.engine.node.NodeContext;
import io.tahweel.engine.node.SwitchNode;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.engine.recovery.Recovery;
import io.tahweel.engine.testing.ChildJvm;
import io.tahweel.engine.testing.TestCommands;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalContext;
import io.tahweel.journal.SnapshotStore;
import io.tahweel.sbe.CaptureMode;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static io.tahweel.engine.testing.Scenario.ACQUIRER;
import static io.tahweel.engine.testing.Scenario.CARD;
import static io.tahweel.engine.testing.Scenario.EGP;
import static io.tahweel.engine.testing.Scenario.EXPIRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves a node killed with SIGKILL mid-load, at any moment, loses nothing it journaled and
 * comes back whole: the journal reopens with every entry readable, snapshot + tail recovery
 * gives the same state hash as a replay from genesis, and a new node on the same directory
 * takes traffic. One data directory is killed three times at different points of the load (and
 * of the snapshot cycle), each restart continuing from the previous crash.
 */
class CrashRecoveryTest
{
    private static final long PROCESS_TIMEOUT_SECONDS = 20;
    private static final long[] KILL_AFTER_MORE_ENTRIES = {20_000, 7_300, 3_100};

    private final TestCommands commands = new TestCommands();

    @Test
    void killedNodeRecoversToTheSameStateAndTakesTrafficAgain(@TempDir final Path dataDir) throws Exception
    {
        long journaledBefore = 0;
        for (int round = 0; round < KILL_AFTER_MORE_ENTRIES.length; round++)
        {
            final long killAfter = journaledBefore + KILL_AFTER_MORE_ENTRIES[round];
            final long printed = runAndKill(dataDir, round, killAfter);
            final long last = verifyJournalAndRecovery(dataDir, round, printed);
            journaledBefore = restartAndServe(dataDir, round, last);
        }
    }

    /** Starts the child, waits until it reports {@code killAfter} outputs, then SIGKILLs it. */
    private static long runAndKill(final Path dataDir, final int round, final long killAfter) throws IOException,
        InterruptedException
    {
        final Process child = launch(dataDir, round);
        long printed = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROCESS_TIMEOUT_SECONDS);
            String line;
            while (printed < killAfter && (line = out.readLine()) != null)
            {
                if (line.startsWith("journaled "))
                {
                    printed = Long.parseLong(line.substring("journaled ".length()));
                }
                assertTrue(System.nanoTime() < deadline, "round " + round + ": child too slow, at " + printed);
            }
            assertTrue(printed >= killAfter, "round " + round + ": child stopped early at " + printed + ", exit " +
                (child.isAlive() ? "alive" : child.exitValue()));
            child.destroyForcibly();
            assertTrue(child.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS), "round " + round + ": child did not die");
        }
        return printed;
    }

    private static long verifyJournalAndRecovery(final Path dataDir, final int round, final long printed)
    {
        final String tag = "round " + round + ": ";
        final NodeContext context = CrashingNodeMain.context(dataDir);
        try (Journal journal = new Journal(new JournalContext().directory(context.journalDirectory())))
        {
            final long last = journal.lastSequence();
            assertTrue(last >= printed, tag + "journal ends at " + last + " but the child had released output " + printed);
            final long[] expected = {1};
            final int read = journal.readRange(1, last, (buffer, offset, length, sequence) ->
            {
                assertEquals(expected[0]++, sequence, tag + "dense sequences");
            });
            assertEquals(last, read, tag + "every journaled entry reads back");

            final SnapshotStore snapshots = new SnapshotStore(context.snapshotDirectory());
            final long snapshotAt = Recovery.usableSnapshot(journal, snapshots).orElseThrow(
                () -> new AssertionError(tag + "no usable snapshot in " + snapshots.sequences())).sequence();
            assertTrue(snapshotAt < last, tag + "a tail to replay after snapshot " + snapshotAt + " (last " + last + ")");
            final SwitchCore recovered = Recovery.recover(CrashingNodeMain.coreContext(), journal, snapshots);
            final StateHash fromGenesis = Recovery.replayFromGenesis(CrashingNodeMain.coreContext(), journal, last)
                .stateHash();
            assertEquals(fromGenesis, recovered.stateHash(), tag + "snapshot " + snapshotAt + " + tail vs genesis replay");
            assertEquals(null, recovered.ledger().checkInvariants(), tag + "ledger invariants");
            return last;
        }
    }

    /** A node in this JVM on the crashed directory: recovers, answers one authorization, closes. */
    private long restartAndServe(final Path dataDir, final int round, final long last)
    {
        final String pipeline = "restarted-" + round;
        final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
        final NodeContext context = CrashingNodeMain.context(dataDir)
            .clock(new SystemEpochNanoClock())
            .tickIntervalMs(0)
            .pipelineContext(CrashingNodeMain.context(dataDir).pipelineContext().name(pipeline))
            .outcomeListener(slot ->
            {
                if (slot.outcome().type() == Outcome.AUTHORIZATION)
                {
                    answers.add(slot.outcome().result());
                }
            });
        try (SwitchNode node = SwitchNode.start(context, List.of()))
        {
            assertEquals(last, node.recoveredSequence(), "round " + round + ": recovered to the journal's end");
            final int stan = 999_000_000 + round;
            final byte[] entry = commands.authorize(ACQUIRER, stan, 1_231_235_959L, String.format("%012d", stan), CARD,
                1_00, EGP, EXPIRY, CaptureMode.DUAL_MESSAGE, false);
            final CommandSlot slot = node.publisher().claim();
            slot.buffer().putBytes(0, entry);
            node.publisher().publish(slot.length(entry.length));
            assertTrue(node.awaitOutput(last + 1, 10, TimeUnit.SECONDS), "round " + round + ": no answer after restart, " +
                "fatal " + node.fatal());
            assertEquals(1, answers.size(), "round " + round + ": one authorization answered");
        }
        PipelineThreads.awaitExit(pipeline, 10);
        return last + 1;
    }

    private static Process launch(final Path dataDir, final int round) throws IOException
    {
        return new ProcessBuilder(ChildJvm.command(CrashingNodeMain.class, dataDir.toString(),
            Long.toString(1_000 + round))).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}

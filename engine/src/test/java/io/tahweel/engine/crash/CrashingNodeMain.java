package io.tahweel.engine.crash;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.node.NodeContext;
import io.tahweel.engine.node.SwitchNode;
import io.tahweel.engine.pipeline.CommandPublisher;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.engine.pipeline.PipelineContext;
import io.tahweel.engine.testing.Scenario;
import io.tahweel.engine.testing.TestCommands;
import io.tahweel.sbe.CaptureMode;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.nio.file.Path;
import java.util.Random;

import static io.tahweel.engine.testing.Scenario.ACQUIRER;
import static io.tahweel.engine.testing.Scenario.CARD;
import static io.tahweel.engine.testing.Scenario.EGP;
import static io.tahweel.engine.testing.Scenario.EXPIRY;
import static io.tahweel.engine.testing.Scenario.SMALL_CARD;

/**
 * The victim of {@link CrashRecoveryTest}: a node on {@code <dataDir>} (the Scenario genesis on
 * first start) fed card traffic in a tight loop until the parent kills it. Prints
 * {@code journaled <sequence>} every {@link #PROGRESS_EVERY} outputs so the parent can choose
 * its moment. Run by hand: {@code CrashingNodeMain <dataDir> <seed>}.
 */
public final class CrashingNodeMain
{
    static final int PROGRESS_EVERY = 1_000;
    static final long SNAPSHOT_INTERVAL = 5_000;

    private CrashingNodeMain()
    {
    }

    /** The same node configuration the parent uses to reopen the directory. */
    static NodeContext context(final Path dataDir)
    {
        return new NodeContext()
            .dataDirectory(dataDir)
            .clock(new SystemEpochNanoClock())
            .tickIntervalMs(5)
            .coreContext(coreContext())
            .pipelineContext(new PipelineContext().name("crashing").ringSize(1024).snapshotInterval(SNAPSHOT_INTERVAL));
    }

    static CoreContext coreContext()
    {
        return new CoreContext().participantCapacity(16).routeCapacity(16).accountCapacity(64).cardCapacity(64)
            .transferCapacity(16 * 1024).authorizationCapacity(16 * 1024);
    }

    public static void main(final String[] args)
    {
        final Path dataDir = Path.of(args[0]);
        final Random random = new Random(Long.parseLong(args[1]));
        final TestCommands commands = new TestCommands();
        final long[] lastPrinted = {0};
        final NodeContext context = context(dataDir).outcomeListener(slot ->
        {
            final long sequence = slot.sequence();
            if (sequence - lastPrinted[0] >= PROGRESS_EVERY)
            {
                lastPrinted[0] = sequence;
                System.out.println("journaled " + sequence);
                System.out.flush();
            }
        });
        final SwitchNode node = SwitchNode.start(context, Scenario.genesis(commands));
        final CommandPublisher publisher = node.publisher();
        int stan = (int)(node.recoveredSequence() * 4 + 1);
        while (true)
        {
            final int original = stan++;
            final long dateTime = 1_125_000_000L + original;
            final String rrn = String.format("%012d", original);
            final String pan = random.nextBoolean() ? CARD : SMALL_CARD;
            final long amount = 1 + random.nextInt(3_000);
            publish(publisher, commands.authorize(ACQUIRER, original, dateTime, rrn, pan, amount, EGP, EXPIRY,
                CaptureMode.DUAL_MESSAGE, false));
            final int next = stan++;
            final int action = random.nextInt(3);
            if (action == 0)
            {
                publish(publisher, commands.complete(ACQUIRER, next, 1_125_000_000L + next, original, dateTime, rrn,
                    amount));
            }
            else if (action == 1)
            {
                publish(publisher, commands.reverse(ACQUIRER, next, 1_125_000_000L + next, original, dateTime, rrn, 0));
            }
        }
    }

    private static void publish(final CommandPublisher publisher, final byte[] entry)
    {
        final CommandSlot slot = publisher.claim();
        slot.buffer().putBytes(0, entry);
        publisher.publish(slot.length(entry.length));
    }
}

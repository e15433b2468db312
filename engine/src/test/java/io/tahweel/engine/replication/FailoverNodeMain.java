package io.tahweel.engine.replication;

import static io.tahweel.engine.testing.Scenario.ACQUIRER;
import static io.tahweel.engine.testing.Scenario.CARD;
import static io.tahweel.engine.testing.Scenario.EGP;
import static io.tahweel.engine.testing.Scenario.EXPIRY;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.node.NodeContext;
import io.tahweel.engine.pipeline.CommandPublisher;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.engine.pipeline.OutcomeListener;
import io.tahweel.engine.testing.Scenario;
import io.tahweel.engine.testing.TestCommands;
import io.tahweel.journal.replication.ReplicationContext;
import io.tahweel.sbe.CaptureMode;
import org.agrona.concurrent.SystemEpochNanoClock;

/**
 * One node of the separate-JVM failover tests, in its own JVM: a {@link FailoverNode} with its own embedded media
 * driver under {@code <dataDir>/aeron}, replicating over UDP on loopback.
 *
 * <p>As the primary of {@link ProcessFailoverTest} (the default: PRIMARY in SYNC mode), once a standby is connected
 * it prints {@code ready} and drives its own seeded card traffic (an Authorize every 50-150 us, STANs 1, 2, 3, ...)
 * while it is primary, until the parent kills it. Every answer it releases is printed, flushed, as
 * {@code answer <sequence> <stan> <result> <authorizationId>}: what a client received. As the standby of
 * {@link ProcessStandbyRestartTest} (node id 2) it drives nothing. Either way it prints
 * {@code role <role> <epoch> <lastDiscardedEntries> ok|failed} on every change and, as standby,
 * {@code applied <sequence>} and {@code checkpoints <matched>}.
 *
 * <p>Args: {@code <dataDir> <seed> <localEntryChannel> <localAckChannel> <peerEntryChannel> <peerAckChannel>
 * [primary|standby [sync|async [checkpointInterval]]]}.
 */
public final class FailoverNodeMain
{
    static final long LOSS_THRESHOLD_NS = TimeUnit.MILLISECONDS.toNanos(500);
    static final long CHECKPOINT_INTERVAL = 64;
    static final long DATE_TIME = 1125000000L;
    /** Far below the authorization capacity; at ~10k/s the parent kills the child long before. */
    static final int MAX_STANS = 30_000;
    static final CoreContext CORE = new CoreContext().participantCapacity(16).routeCapacity(64)
        .accountCapacity(1024).cardCapacity(64).transferCapacity(64 * 1024).authorizationCapacity(64 * 1024);

    private FailoverNodeMain()
    {
    }

    /** The configuration both sides use: SYNC, the same genesis, core, checkpoint interval and loss threshold. */
    static FailoverContext context(
        final Path dataDir,
        final String name,
        final int nodeId,
        final FailoverContext.StartRole role,
        final OutcomeListener listener,
        final String localEntry,
        final String localAck,
        final String peerEntry,
        final String peerAck)
    {
        final TestCommands commands = new TestCommands();
        final List<byte[]> genesis = new ArrayList<>(Scenario.genesis(commands));
        genesis.add(commands.setCardLimits(CARD, 50_000, 1_000_000, 1_000_000_000_000L));
        final NodeContext node = new NodeContext()
            .dataDirectory(dataDir)
            .clock(new SystemEpochNanoClock())
            .tickIntervalMs(0)
            .coreContext(CORE)
            .replicationMode(ReplicationMode.SYNC)
            .checkpointInterval(CHECKPOINT_INTERVAL)
            .outcomeListener(listener);
        node.pipelineContext().name("node-" + name).fatalHandler(ex -> { });
        return new FailoverContext()
            .node(node)
            .genesis(genesis)
            .startRole(role)
            .nodeId(nodeId)
            .localEntryChannel(localEntry)
            .localAckChannel(localAck)
            .peerEntryChannel(peerEntry)
            .peerAckChannel(peerAck)
            .timings(new ReplicationContext().lossThresholdNs(LOSS_THRESHOLD_NS));
    }

    /** {@code context} in {@code mode} (while primary) with {@code checkpointInterval}, which both nodes must share. */
    static FailoverContext withMode(final FailoverContext context, final ReplicationMode mode,
        final long checkpointInterval)
    {
        context.node().replicationMode(mode).checkpointInterval(checkpointInterval);
        return context;
    }

    static long amountOf(final int stan)
    {
        return 1 + stan % 7;
    }

    static byte[] authorize(final TestCommands commands, final int stan, final boolean repeat)
    {
        return commands.authorize(ACQUIRER, stan, DATE_TIME, "RRN" + stan, CARD, amountOf(stan), EGP, EXPIRY,
            CaptureMode.SINGLE_MESSAGE, repeat);
    }

    static void publish(final CommandPublisher publisher, final byte[] entry)
    {
        final CommandSlot slot = publisher.claim();
        slot.buffer().putBytes(0, entry);
        publisher.publish(slot.length(entry.length));
    }

    public static void main(final String[] args)
    {
        final Path dataDir = Path.of(args[0]);
        final Random random = new Random(Long.parseLong(args[1]));
        final boolean standby = args.length > 6 && args[6].equals("standby");
        final ReplicationMode mode = args.length > 7 ? ReplicationMode.valueOf(args[7].toUpperCase(Locale.ROOT)) :
            ReplicationMode.SYNC;
        final long checkpointInterval = args.length > 8 ? Long.parseLong(args[8]) : CHECKPOINT_INTERVAL;
        final PrintStream out = System.out;
        final OutcomeListener listener = slot ->
        {
            if (slot.rejection() != CommandSlot.ACCEPTED)
            {
                return;
            }
            final Outcome outcome = slot.outcome();
            if (outcome.type() == Outcome.AUTHORIZATION)
            {
                // Released: the client has it. Printed and flushed before the next answer is released.
                out.println("answer " + slot.sequence() + " " + outcome.correlationId() + " " + outcome.result() + " " +
                    outcome.authorizationId());
                out.flush();
            }
        };
        final FailoverNode node = FailoverNode.start(withMode(context(dataDir, standby ? "s" : "a", standby ? 2 : 1,
            standby ? FailoverContext.StartRole.STANDBY : FailoverContext.StartRole.PRIMARY,
            listener, args[2], args[3], args[4], args[5]), mode, checkpointInterval));
        if (!standby)
        {
            driveLoad(node, random, out);
        }
        report(node, out);
    }

    /** Once a standby is connected: prints {@code ready} and publishes seeded Authorizes while primary. */
    private static void driveLoad(final FailoverNode node, final Random random, final PrintStream out)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!node.primary().replicationPublisher().isStandbyAlive())
        {
            if (System.nanoTime() > deadline)
            {
                System.err.println("no standby");
                System.exit(2);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        out.println("ready");
        out.flush();
        final Thread load = new Thread(() ->
        {
            final TestCommands commands = new TestCommands();
            for (int stan = 1; stan <= MAX_STANS; stan++)
            {
                final io.tahweel.engine.node.SwitchNode primary = node.primary();
                if (null == primary || node.role() != FailoverNode.Role.PRIMARY)
                {
                    return;  // stepped down: a standby takes no traffic
                }
                publish(primary.publisher(), authorize(commands, stan, false));
                LockSupport.parkNanos(50_000 + random.nextInt(100_000));
            }
        }, "load");
        load.setDaemon(true);
        load.start();
    }

    /**
     * Until killed: the role and epoch on every change, and as standby the sequence its core applied and the
     * checkpoints it matched with the primary's.
     */
    private static void report(final FailoverNode node, final PrintStream out)
    {
        String lastRole = "";
        long lastApplied = -1;
        long lastMatched = -1;
        while (true)
        {
            final String role = node.role() + " " + node.epoch() + " " + node.lastDiscardedEntries() + " " +
                (null == node.failure() ? "ok" : "failed");
            if (!role.equals(lastRole))
            {
                lastRole = role;
                out.println("role " + role);
                out.flush();
            }
            final StandbyNode standby = node.standby();
            if (node.role() == FailoverNode.Role.STANDBY && null != standby)
            {
                final long applied = standby.standbyCore().appliedSequence();
                final long matched = standby.standbyCore().matchedCheckpoints();
                if (applied != lastApplied || matched != lastMatched)
                {
                    lastApplied = applied;
                    lastMatched = matched;
                    out.println("applied " + applied);
                    out.println("checkpoints " + matched);
                    out.flush();
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}

package io.tahweel.bench.replication;

import io.tahweel.bench.support.BenchSwitch;
import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.node.NodeContext;
import io.tahweel.engine.pipeline.OutcomeListener;
import io.tahweel.engine.pipeline.PipelineContext;
import io.tahweel.engine.replication.FailoverContext;
import io.tahweel.engine.replication.ReplicationMode;
import io.tahweel.journal.replication.ReplicationContext;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.nio.file.Path;

/**
 * The nodes the replication benches run: production core sizes, the default (sleeping) ring wait
 * strategy, the default replication timings (100 ms heartbeats, 500 ms loss threshold), the timer and
 * automatic snapshots off, and the {@link BenchSwitch} genesis. Replication is UDP on loopback
 * between two embedded media drivers, each under its node's data directory.
 */
final class BenchNodes
{
    static final int CARDS = 10_000;
    /** The production default: a checkpoint hashes the whole core on the core thread (see Checkpoints). */
    static final long CHECKPOINT_INTERVAL = io.tahweel.engine.replication.Checkpoints.DEFAULT_INTERVAL;

    private BenchNodes()
    {
    }

    /** The four endpoints of a pair: a's entries and acks, b's entries and acks. */
    record Endpoints(String aEntries, String aAcks, String bEntries, String bAcks)
    {
        static Endpoints freeOnLoopback()
        {
            return new Endpoints(udp(), udp(), udp(), udp());
        }

        private static String udp()
        {
            try (DatagramSocket socket = new DatagramSocket(0))
            {
                return "aeron:udp?endpoint=localhost:" + socket.getLocalPort();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        static Endpoints parse(final String[] args, final int from)
        {
            return new Endpoints(args[from], args[from + 1], args[from + 2], args[from + 3]);
        }

        String[] asArgs()
        {
            return new String[]{aEntries, aAcks, bEntries, bAcks};
        }
    }

    static NodeContext node(final Path dataDirectory, final String name, final ReplicationMode mode,
        final OutcomeListener listener)
    {
        final NodeContext node = new NodeContext()
            .dataDirectory(dataDirectory)
            .clock(new SystemEpochNanoClock())
            .tickIntervalMs(0)
            .coreContext(new CoreContext())
            .replicationMode(mode)
            .checkpointInterval(CHECKPOINT_INTERVAL)
            .outcomeListener(listener)
            .pipelineContext(new PipelineContext().name(name).snapshotInterval(0));
        node.pipelineContext().fatalHandler(ex -> ex.printStackTrace());
        return node;
    }

    /** Node a is started primary, b standby; each is configured the mirror way of the other. */
    static FailoverContext failover(final NodeContext node, final BenchSwitch bench, final boolean isA,
        final FailoverContext.StartRole role, final Endpoints endpoints)
    {
        return failover(node, bench, isA, role, endpoints, ReplicationContext.DEFAULT_IDLE_MAX_PARK_NS);
    }

    static FailoverContext failover(final NodeContext node, final BenchSwitch bench, final boolean isA,
        final FailoverContext.StartRole role, final Endpoints endpoints, final long idleMaxParkNs)
    {
        return new FailoverContext()
            .node(node)
            .genesis(bench.genesis())
            .startRole(role)
            .nodeId(isA ? 1 : 2)
            .localEntryChannel(isA ? endpoints.aEntries() : endpoints.bEntries())
            .localAckChannel(isA ? endpoints.aAcks() : endpoints.bAcks())
            .peerEntryChannel(isA ? endpoints.bEntries() : endpoints.aEntries())
            .peerAckChannel(isA ? endpoints.bAcks() : endpoints.aAcks())
            .timings(new ReplicationContext().idleMaxParkNs(idleMaxParkNs));
    }
}

package io.tahweel.tools.cli;

import io.tahweel.engine.node.GenesisRejectedException;
import io.tahweel.engine.node.NodeContext;
import io.tahweel.engine.node.SwitchNode;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.engine.pipeline.OutcomeListener;
import io.tahweel.engine.replication.FailoverContext;
import io.tahweel.engine.replication.FailoverNode;
import io.tahweel.engine.replication.ReplicationMode;
import io.tahweel.gateways.admin.AdminHttpServer;
import io.tahweel.gateways.admin.EncodedCommand;
import io.tahweel.gateways.admin.SettlementReports;
import io.tahweel.gateways.iso8583.Iso8583Gateway;
import io.tahweel.gateways.iso8583.issuer.IssuerLinks;
import io.tahweel.journal.replication.ReplicationContext;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A switch that is one node of a primary/standby pair ({@code tahweel node --role ...}): the same pieces as
 * {@link SwitchStack}, but the node is run by a {@link FailoverNode}, so it comes and goes with the role:
 * <pre>
 *  admin HTTP (status, promote, demote, cut-offs) ── always up ──► FailoverRoles / the primary's ring, if any
 *  FailoverNode ── PRIMARY (at start, or onPromoted) ──► start ISO 8583 listener + issuer links on the new SwitchNode
 *               ── onSteppingDown (gate fenced) ──────► stop them (no acquirer is served by a non-primary)
 *               ── onDemoted (following again) ──────► forget the live settlement view
 *  node outputs ──► live settlement view (built on the first output of each primary term, primed from the
 *                   journal on disk) ──► ISO 8583 router
 * </pre>
 * The gateway and issuer links are created once and started/stopped per primary term (both are restartable);
 * with a fixed ISO 8583 port the listener comes back on the same port after each promotion.
 */
public final class ReplicatedStack implements AutoCloseable
{
    /** How this node replicates; see {@link FailoverContext} for the four endpoints. */
    public static final class Replication
    {
        FailoverContext.StartRole role = FailoverContext.StartRole.STANDBY;
        ReplicationMode mode = ReplicationMode.SYNC;
        int nodeId;
        String localEntryChannel;
        String localAckChannel;
        String peerEntryChannel;
        String peerAckChannel;
        boolean automaticPromotion = true;
        FailoverContext.AfterPromotion afterPromotion = FailoverContext.AfterPromotion.HOLD_FOR_STANDBY;
        long checkpointInterval = io.tahweel.engine.replication.Checkpoints.DEFAULT_INTERVAL;
        ReplicationContext timings = new ReplicationContext();
        Consumer<String> events = message -> { };

        public Replication role(final FailoverContext.StartRole value)
        {
            role = Objects.requireNonNull(value, "role");
            return this;
        }

        public Replication mode(final ReplicationMode value)
        {
            if (value == ReplicationMode.SOLO)
            {
                throw new IllegalArgumentException("a replicated node runs SYNC or ASYNC, not SOLO");
            }
            mode = Objects.requireNonNull(value, "mode");
            return this;
        }

        public Replication nodeId(final int value)
        {
            nodeId = value;
            return this;
        }

        /** This node's endpoints: entries arrive here while standby, acks while primary. */
        public Replication local(final String entryChannel, final String ackChannel)
        {
            localEntryChannel = entryChannel;
            localAckChannel = ackChannel;
            return this;
        }

        /** The peer's endpoints: entries are shipped there while primary, acks while standby. */
        public Replication peer(final String entryChannel, final String ackChannel)
        {
            peerEntryChannel = entryChannel;
            peerAckChannel = ackChannel;
            return this;
        }

        public Replication automaticPromotion(final boolean value)
        {
            automaticPromotion = value;
            return this;
        }

        /** What this node does after promoting itself while it has no standby (SYNC only). */
        public Replication afterPromotion(final FailoverContext.AfterPromotion value)
        {
            afterPromotion = Objects.requireNonNull(value, "afterPromotion");
            return this;
        }

        public Replication checkpointInterval(final long value)
        {
            checkpointInterval = value;
            return this;
        }

        public Replication timings(final ReplicationContext value)
        {
            timings = Objects.requireNonNull(value, "timings");
            return this;
        }

        /** Told (on the failover thread) when this node starts or stops serving as primary. */
        public Replication events(final Consumer<String> value)
        {
            events = Objects.requireNonNull(value, "events");
            return this;
        }
    }

    private final Path dataDirectory;
    private final Replication replication;
    private final Iso8583Gateway gateway;
    private final IssuerLinks issuerLinks;
    private final String iso8583Bind;
    private final Settlement settlement;
    private FailoverNode failover;
    private AdminHttpServer admin;
    /** The SwitchNode the gateway and issuer links serve now, or null; guarded by this. */
    private SwitchNode serving;
    private boolean closed;

    private ReplicatedStack(final SwitchStack.Options options, final Replication replication) throws IOException
    {
        this.dataDirectory = options.dataDirectory;
        this.replication = replication;
        this.iso8583Bind = options.iso8583Bind;
        final CardGateways cards = new CardGateways(options);
        gateway = cards.gateway;
        issuerLinks = cards.issuerLinks;
        settlement = new Settlement(dataDirectory, cards.downstream);
    }

    /**
     * Starts the node in its configured role (a PRIMARY serves when this returns; a STANDBY rejoins and
     * follows on the failover thread) and the admin interface.
     *
     * @throws IllegalArgumentException for a bootstrap the core refuses or a bad replication setup.
     */
    public static ReplicatedStack start(final SwitchStack.Options options, final Replication replication)
        throws IOException
    {
        final ReplicatedStack stack = new ReplicatedStack(options, replication);
        try
        {
            stack.startNode(options);
        }
        catch (final IOException | RuntimeException ex)
        {
            stack.close();
            throw ex;
        }
        return stack;
    }

    private void startNode(final SwitchStack.Options options) throws IOException
    {
        final NodeContext node = new NodeContext()
            .dataDirectory(dataDirectory)
            .coreContext(options.coreContext)
            .pipelineContext(options.pipelineContext)
            .tickIntervalMs(options.tickIntervalMs)
            .clock(new SystemEpochNanoClock())
            .outcomeListener(settlement)
            .replicationMode(replication.mode)
            .checkpointInterval(replication.checkpointInterval);
        final List<byte[]> genesis = new ArrayList<>(options.genesis.size());
        for (final EncodedCommand command : options.genesis)
        {
            genesis.add(command.bytes());
        }
        final FailoverContext context = new FailoverContext()
            .node(node)
            .genesis(genesis)
            .startRole(replication.role)
            .nodeId(replication.nodeId)
            .localEntryChannel(replication.localEntryChannel)
            .localAckChannel(replication.localAckChannel)
            .peerEntryChannel(replication.peerEntryChannel)
            .peerAckChannel(replication.peerAckChannel)
            .timings(replication.timings)
            .automaticPromotion(replication.automaticPromotion)
            .afterPromotion(replication.afterPromotion)
            .onPromoted(this::serve)
            .onSteppingDown(this::stopServing)
            .onDemoted(this::demoted);
        try
        {
            failover = FailoverNode.start(context);
        }
        catch (final GenesisRejectedException ex)
        {
            final EncodedCommand command = options.genesis.get(ex.commandIndex());
            throw new IllegalArgumentException("bootstrap line " + command.line() + " (" + command.description() +
                ") rejected by the core: " + ex.result() + "; nothing was written", ex);
        }
        final SwitchNode primary = failover.primary();
        if (primary != null)
        {
            serve(primary); // started as PRIMARY: FailoverNode calls onPromoted only for promotions
        }
        if (options.adminPort >= 0)
        {
            final FailoverNode self = failover;
            admin = new AdminHttpServer(options.adminPort, () ->
            {
                final SwitchNode p = self.primary();
                return p == null ? null : p.publisher();
            }, settlement, new FailoverRoles(self, replication.mode, FailoverRoles.DEFAULT_WAIT_MS))
                .latency(gateway == null ? null : gateway.latency());
        }
    }

    /** Open the gateway and issuer links on {@code primary} (failover thread, or the starting thread). */
    private synchronized void serve(final SwitchNode primary)
    {
        if (closed || serving == primary)
        {
            return;
        }
        if (failover != null && (failover.role() != FailoverNode.Role.PRIMARY || failover.primary() != primary))
        {
            return; // stepped down already
        }
        stopServing();
        if (gateway != null)
        {
            gateway.start(primary.publisher());
        }
        if (issuerLinks != null)
        {
            issuerLinks.start(primary.publisher(), primary.journal());
        }
        serving = primary;
        replication.events.accept("PRIMARY (epoch " + (failover == null ? "?" : failover.epoch()) + ")" +
            (gateway == null ? "" : ": ISO 8583 acquirers on " + iso8583Bind + ":" + gateway.port("acquirers")));
    }

    /** Stop taking traffic: the node is stepping down (its gate is fenced) or the stack closes. */
    private synchronized void stopServing()
    {
        if (serving == null)
        {
            return;
        }
        serving = null;
        if (issuerLinks != null)
        {
            issuerLinks.stop();
        }
        if (gateway != null)
        {
            gateway.stop();
        }
        replication.events.accept("no longer PRIMARY: ISO 8583 listener and issuer links stopped");
    }

    private void demoted()
    {
        settlement.forget();
        replication.events.accept("STANDBY: following the new primary (epoch " + failover.epoch() + ")");
    }

    public FailoverNode failover()
    {
        return failover;
    }

    /** The configured ISO 8583 listener port while serving, else -1. */
    public synchronized int iso8583Port()
    {
        return gateway == null || serving == null ? -1 : gateway.port("acquirers");
    }

    /** Whether the ISO 8583 listener and issuer links are serving now (this node is primary). */
    public synchronized boolean isServing()
    {
        return serving != null;
    }

    /** The admin interface port, or -1 when it is off. */
    public int adminPort()
    {
        return admin == null ? -1 : admin.port();
    }

    public boolean isIssuerSignedOn(final int issuerId)
    {
        return issuerLinks != null && issuerLinks.isSignedOn(issuerId);
    }

    /** The live settlement view of the current primary term (the admin interface's reports). */
    public SettlementReports settlement()
    {
        return settlement;
    }

    /** Admin first, then traffic, then the failover node (a primary drains; a standby stops following). */
    @Override
    public void close()
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
        }
        if (admin != null)
        {
            admin.close();
        }
        stopServing();
        if (failover != null)
        {
            failover.close();
        }
        if (gateway != null)
        {
            gateway.close();
        }
    }

    /**
     * The node's outcome listener for every primary term: a {@link LiveSettlement} created on the first
     * output of the term, on the output thread, primed by replaying the journal on disk (which holds that
     * output's entry and whatever follows it: {@code LiveViews} skips what the replay covered), so the view
     * sees every entry once and in order. Forgotten when the node follows again.
     */
    private static final class Settlement implements OutcomeListener, SettlementReports
    {
        private final Path dataDirectory;
        private final OutcomeListener downstream;
        private volatile LiveSettlement live;

        Settlement(final Path dataDirectory, final OutcomeListener downstream)
        {
            this.dataDirectory = dataDirectory;
            this.downstream = downstream;
        }

        @Override
        public void onOutcome(final CommandSlot slot)
        {
            LiveSettlement current = live;
            if (current == null)
            {
                current = new LiveSettlement(dataDirectory, downstream);
                live = current;
            }
            current.onOutcome(slot);
        }

        void forget()
        {
            live = null;
        }

        @Override
        public long lastSequence()
        {
            final LiveSettlement current = live;
            return current == null ? 0 : current.lastSequence();
        }

        @Override
        public long openWindowId()
        {
            final LiveSettlement current = live;
            return current == null ? 0 : current.openWindowId();
        }

        @Override
        public String closedWindowJson(final long windowId)
        {
            final LiveSettlement current = live;
            return current == null ? null : current.closedWindowJson(windowId);
        }
    }
}

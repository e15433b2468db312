package io.tahweel.engine.replication;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.aeron.Aeron;
import io.tahweel.engine.node.NodeContext;
import io.tahweel.engine.node.SwitchNode;
import io.tahweel.journal.replication.ReplicationContext;

/**
 * Everything a {@link FailoverNode} needs: the node it runs when primary, its own two replication
 * endpoints and its peer's, timings, and callbacks for tools (open gateways on promotion, close them
 * on step-down).
 *
 * <p>Endpoints, for one node: it receives entries on {@link #localEntryChannel} while it is a standby
 * and acks on {@link #localAckChannel} while it is primary; it ships entries to
 * {@link #peerEntryChannel} and acks to {@link #peerAckChannel}. Between hosts these are UDP unicast
 * channels, e.g. {@code aeron:udp?endpoint=this-host:7101}. The peer is configured the mirror way.
 */
public final class FailoverContext
{
    /** Starting role: PRIMARY applies the genesis to an empty journal; STANDBY follows (after rejoining). */
    public enum StartRole
    {
        PRIMARY,
        STANDBY
    }

    /**
     * What a node that promoted itself does while it has no standby yet, when its mode is SYNC. A SYNC
     * primary with no standby declines new work (91); right after a failover the standby is the node that
     * just died, so holding to SYNC means no card is served until it is back or an operator switches mode.
     */
    public enum AfterPromotion
    {
        /** Keep the configured mode: in SYNC, decline new work until a standby acknowledges. The default. */
        HOLD_FOR_STANDBY,
        /**
         * Serve alone (ASYNC: answers released once journaled here, shipped to a standby when one joins)
         * and go back to SYNC by itself once a standby has caught up. Until then an answer exists on this
         * node only: the operator trades recovery point zero for availability during the failover.
         */
        SERVE_ALONE
    }

    private NodeContext node;
    private List<byte[]> genesis = List.of();
    private StartRole startRole = StartRole.STANDBY;
    private int nodeId;
    private String localEntryChannel;
    private String localAckChannel;
    private String peerEntryChannel;
    private String peerAckChannel;
    private ReplicationContext timings = new ReplicationContext();
    private Aeron aeron;
    private boolean automaticPromotion = true;
    private AfterPromotion afterPromotion = AfterPromotion.HOLD_FOR_STANDBY;
    private Consumer<SwitchNode> onPromoted = node -> { };
    private Runnable onSteppingDown = () -> { };
    private Runnable onDemoted = () -> { };

    /**
     * @param node data directory, core, pipeline, clock, outcome listener, replication mode (SYNC or
     *             ASYNC) and checkpoint interval of the primary this node runs; its epoch and
     *             replication context are set by the failover node.
     * @return this for chaining.
     */
    public FailoverContext node(final NodeContext node)
    {
        this.node = node;
        return this;
    }

    public NodeContext node()
    {
        return node;
    }

    /** Applied only by a node that becomes primary with an empty journal. */
    public FailoverContext genesis(final List<byte[]> genesis)
    {
        this.genesis = List.copyOf(genesis);
        return this;
    }

    public List<byte[]> genesis()
    {
        return genesis;
    }

    public FailoverContext startRole(final StartRole role)
    {
        this.startRole = Objects.requireNonNull(role, "role");
        return this;
    }

    public StartRole startRole()
    {
        return startRole;
    }

    /** Operator-assigned id, journaled in the EpochStart of each epoch this node opens. */
    public FailoverContext nodeId(final int nodeId)
    {
        this.nodeId = nodeId;
        return this;
    }

    public int nodeId()
    {
        return nodeId;
    }

    public FailoverContext localEntryChannel(final String channel)
    {
        localEntryChannel = channel;
        return this;
    }

    public String localEntryChannel()
    {
        return localEntryChannel;
    }

    public FailoverContext localAckChannel(final String channel)
    {
        localAckChannel = channel;
        return this;
    }

    public String localAckChannel()
    {
        return localAckChannel;
    }

    public FailoverContext peerEntryChannel(final String channel)
    {
        peerEntryChannel = channel;
        return this;
    }

    public String peerEntryChannel()
    {
        return peerEntryChannel;
    }

    public FailoverContext peerAckChannel(final String channel)
    {
        peerAckChannel = channel;
        return this;
    }

    public String peerAckChannel()
    {
        return peerAckChannel;
    }

    /**
     * @param timings stream ids, heartbeat interval, loss threshold, request resend and clock; its
     *                channels and epoch are ignored (each role gets its own copy).
     * @return this for chaining.
     */
    public FailoverContext timings(final ReplicationContext timings)
    {
        this.timings = Objects.requireNonNull(timings, "timings");
        return this;
    }

    public ReplicationContext timings()
    {
        return timings;
    }

    /**
     * @param aeron a client of a media driver the caller owns (kept across role changes); null (the
     *              default) launches an embedded driver under the data directory for the node's life.
     * @return this for chaining.
     */
    public FailoverContext aeron(final Aeron aeron)
    {
        this.aeron = aeron;
        return this;
    }

    public Aeron aeron()
    {
        return aeron;
    }

    /** False: a standby that loses its primary only reports it; an operator promotes. Default true. */
    public FailoverContext automaticPromotion(final boolean automatic)
    {
        this.automaticPromotion = automatic;
        return this;
    }

    public boolean automaticPromotion()
    {
        return automaticPromotion;
    }

    /** What a promoted SYNC node does until a standby acknowledges; see {@link AfterPromotion}. */
    public FailoverContext afterPromotion(final AfterPromotion policy)
    {
        this.afterPromotion = Objects.requireNonNull(policy, "policy");
        return this;
    }

    public AfterPromotion afterPromotion()
    {
        return afterPromotion;
    }

    /** Called on the failover thread once this node is primary and its EpochStart is journaled: open gateways. */
    public FailoverContext onPromoted(final Consumer<SwitchNode> callback)
    {
        this.onPromoted = Objects.requireNonNull(callback, "callback");
        return this;
    }

    public Consumer<SwitchNode> onPromoted()
    {
        return onPromoted;
    }

    /** Called on the failover thread when a primary learns of a higher epoch, before it stops: close gateways. */
    public FailoverContext onSteppingDown(final Runnable callback)
    {
        this.onSteppingDown = Objects.requireNonNull(callback, "callback");
        return this;
    }

    public Runnable onSteppingDown()
    {
        return onSteppingDown;
    }

    /** Called on the failover thread once a former primary follows the new one. */
    public FailoverContext onDemoted(final Runnable callback)
    {
        this.onDemoted = Objects.requireNonNull(callback, "callback");
        return this;
    }

    public Runnable onDemoted()
    {
        return onDemoted;
    }

    /** The replication context of this node as primary: ship to the peer, acks here. */
    ReplicationContext asPrimary(final int epoch)
    {
        return copyTimings().entryChannel(peerEntryChannel).ackChannel(localAckChannel).epoch(epoch);
    }

    /** The replication context of this node as standby: entries here, acks to the peer. */
    ReplicationContext asStandby(final int epoch)
    {
        return copyTimings().entryChannel(localEntryChannel).ackChannel(peerAckChannel).epoch(epoch);
    }

    void validate()
    {
        if (null == node || null == node.dataDirectory() || null == node.clock())
        {
            throw new IllegalArgumentException("a failover node needs a node context with a data directory and a clock");
        }
        if (node.replicationMode() == ReplicationMode.SOLO)
        {
            throw new IllegalArgumentException("a failover node replicates: SYNC or ASYNC, not SOLO");
        }
        asPrimary(1).validate();
        asStandby(1).validate();
    }

    private ReplicationContext copyTimings()
    {
        return new ReplicationContext()
            .entryStreamId(timings.entryStreamId())
            .ackStreamId(timings.ackStreamId())
            .heartbeatIntervalNs(timings.heartbeatIntervalNs())
            .lossThresholdNs(timings.lossThresholdNs())
            .requestResendNs(timings.requestResendNs())
            .idleMaxParkNs(timings.idleMaxParkNs())
            .clock(timings.clock());
    }
}

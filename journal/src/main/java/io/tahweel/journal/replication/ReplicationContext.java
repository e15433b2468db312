package io.tahweel.journal.replication;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * Configuration shared by both ends of a replication link. Both nodes must agree on the channels,
 * stream ids and timings; each node sets its own {@link #epoch}.
 *
 * <p>Channels, from the primary's point of view: the primary publishes entries on
 * {@link #entryChannel} (the standby subscribes to it) and subscribes to acks on
 * {@link #ackChannel} (the standby publishes on it). Between hosts both are UDP unicast
 * ({@code aeron:udp?endpoint=standby-host:port} and {@code aeron:udp?endpoint=primary-host:port});
 * in one process {@code aeron:ipc} works when both ends share a media driver.
 */
public final class ReplicationContext
{
    public static final int DEFAULT_ENTRY_STREAM_ID = 7101;
    public static final int DEFAULT_ACK_STREAM_ID = 7102;
    /** How often each side sends a heartbeat (the standby's ACK is its heartbeat). */
    public static final long DEFAULT_HEARTBEAT_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Silence after which the other side is considered lost; the issue asks for at most 1 s. */
    public static final long DEFAULT_LOSS_THRESHOLD_NS = TimeUnit.MILLISECONDS.toNanos(500);
    /**
     * Longest park of an idle replication agent (publisher, follower, standby core, embedded media driver): they spin
     * and yield briefly, then park from 1 us doubling up to this. Shorter wakes them sooner when an entry or ack
     * arrives (a SYNC answer waits for several such hand-offs) at the cost of more wake-ups when idle.
     */
    public static final long DEFAULT_IDLE_MAX_PARK_NS = 1_000_000;
    /** How long a standby waits for a REQUEST to take effect before asking again. */
    public static final long DEFAULT_REQUEST_RESEND_NS = TimeUnit.MILLISECONDS.toNanos(200);
    /** The longest loss threshold accepted: the failover budget. */
    public static final long MAX_LOSS_THRESHOLD_NS = TimeUnit.SECONDS.toNanos(1);

    private String entryChannel;
    private int entryStreamId = DEFAULT_ENTRY_STREAM_ID;
    private String ackChannel;
    private int ackStreamId = DEFAULT_ACK_STREAM_ID;
    private int epoch = 1;
    private long heartbeatIntervalNs = DEFAULT_HEARTBEAT_INTERVAL_NS;
    private long lossThresholdNs = DEFAULT_LOSS_THRESHOLD_NS;
    private long idleMaxParkNs = DEFAULT_IDLE_MAX_PARK_NS;
    private long requestResendNs = DEFAULT_REQUEST_RESEND_NS;
    private NanoClock clock = SystemNanoClock.INSTANCE;

    public ReplicationContext entryChannel(final String channel)
    {
        entryChannel = channel;
        return this;
    }

    public String entryChannel()
    {
        return entryChannel;
    }

    public ReplicationContext entryStreamId(final int streamId)
    {
        entryStreamId = streamId;
        return this;
    }

    public int entryStreamId()
    {
        return entryStreamId;
    }

    public ReplicationContext ackChannel(final String channel)
    {
        ackChannel = channel;
        return this;
    }

    public String ackChannel()
    {
        return ackChannel;
    }

    public ReplicationContext ackStreamId(final int streamId)
    {
        ackStreamId = streamId;
        return this;
    }

    public int ackStreamId()
    {
        return ackStreamId;
    }

    /**
     * @param epoch leadership epoch of this node: a primary stamps it on every frame, a standby
     *              accepts frames of this epoch or higher. Epochs start at 1.
     * @return this for chaining.
     */
    public ReplicationContext epoch(final int epoch)
    {
        this.epoch = epoch;
        return this;
    }

    public int epoch()
    {
        return epoch;
    }

    public ReplicationContext heartbeatIntervalNs(final long nanos)
    {
        heartbeatIntervalNs = nanos;
        return this;
    }

    public long heartbeatIntervalNs()
    {
        return heartbeatIntervalNs;
    }

    public ReplicationContext lossThresholdNs(final long nanos)
    {
        lossThresholdNs = nanos;
        return this;
    }

    public long lossThresholdNs()
    {
        return lossThresholdNs;
    }

    /** See {@link #DEFAULT_IDLE_MAX_PARK_NS}; at least 1 us. */
    public ReplicationContext idleMaxParkNs(final long nanos)
    {
        if (nanos < 1_000)
        {
            throw new IllegalArgumentException("idle max park must be at least 1 us (no busy spin): " + nanos);
        }
        idleMaxParkNs = nanos;
        return this;
    }

    public long idleMaxParkNs()
    {
        return idleMaxParkNs;
    }

    public ReplicationContext requestResendNs(final long nanos)
    {
        requestResendNs = nanos;
        return this;
    }

    public long requestResendNs()
    {
        return requestResendNs;
    }

    /**
     * @param clock read for heartbeats and loss detection only; a fake one makes them testable.
     * @return this for chaining.
     */
    public ReplicationContext clock(final NanoClock clock)
    {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    public NanoClock clock()
    {
        return clock;
    }

    /**
     * @throws IllegalArgumentException naming the first setting that cannot work.
     */
    public void validate()
    {
        if (null == entryChannel || null == ackChannel)
        {
            throw new IllegalArgumentException("entry and ack channels must be set: " + this);
        }
        if (epoch < 1)
        {
            throw new IllegalArgumentException("epoch must be >= 1: " + epoch);
        }
        if (heartbeatIntervalNs <= 0 || lossThresholdNs <= heartbeatIntervalNs ||
            lossThresholdNs > MAX_LOSS_THRESHOLD_NS)
        {
            throw new IllegalArgumentException("need 0 < heartbeat interval < loss threshold <= " +
                MAX_LOSS_THRESHOLD_NS + " ns: " + this);
        }
        if (requestResendNs <= 0)
        {
            throw new IllegalArgumentException("request resend interval must be positive: " + requestResendNs);
        }
    }

    @Override
    public String toString()
    {
        return "ReplicationContext{entryChannel=" + entryChannel + ", entryStreamId=" + entryStreamId +
            ", ackChannel=" + ackChannel + ", ackStreamId=" + ackStreamId + ", epoch=" + epoch +
            ", heartbeatIntervalNs=" + heartbeatIntervalNs + ", lossThresholdNs=" + lossThresholdNs +
            ", requestResendNs=" + requestResendNs + '}';
    }
}

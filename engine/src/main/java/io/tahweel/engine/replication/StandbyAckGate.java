package io.tahweel.engine.replication;

import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.tahweel.journal.replication.AckListener;
import org.agrona.concurrent.NanoClock;

/**
 * The primary's {@link ReplicationGate}: tracks the highest sequence a standby has journaled (fed by
 * the {@code ReplicationPublisher} as an {@link AckListener}) and holds answers back in
 * {@link ReplicationMode#SYNC} until their entry is covered.
 *
 * <h2>Waiting without spinning</h2>
 * One thread (the output stage) waits at a time: it publishes the sequence it waits for and parks;
 * {@link #onAck} on the publisher's thread unparks it as soon as the ack covers that sequence. The
 * park is also bounded by {@link #MAX_PARK_NS} so a lost wake-up costs at most that, never a hang.
 *
 * <h2>Threads</h2>
 * {@link #onAck} from the publisher's thread; {@link #awaitReleasable} from one waiting thread;
 * {@link #mode(ReplicationMode)} from an operator's thread; the rest from anywhere.
 */
public final class StandbyAckGate implements ReplicationGate, AckListener
{
    /** Longest single park while waiting for an ack. */
    public static final long MAX_PARK_NS = 1_000_000;
    private static final long NOT_WAITING = Long.MAX_VALUE;

    private final NanoClock clock;
    private final BooleanSupplier standbyAlive;
    private volatile ReplicationMode mode;
    private volatile long ackedSequence;
    private volatile long awaitedSequence = NOT_WAITING;
    private volatile Thread waiter;
    private volatile boolean fenced;

    /**
     * @param mode         to start in.
     * @param standbyAlive whether a standby has been heard from within the loss threshold, e.g.
     *                     {@code publisher::isStandbyAlive}.
     * @param clock        bounds {@link #awaitReleasable}'s timeout.
     */
    public StandbyAckGate(final ReplicationMode mode, final BooleanSupplier standbyAlive, final NanoClock clock)
    {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.standbyAlive = standbyAlive;
        this.clock = clock;
    }

    /**
     * Switch modes at run time, e.g. an operator moving a primary whose standby is gone to SOLO.
     * Waiters are woken so a switch away from SYNC releases them at once.
     */
    public void mode(final ReplicationMode mode)
    {
        this.mode = Objects.requireNonNull(mode, "mode");
        final Thread parked = waiter;
        if (null != parked)
        {
            LockSupport.unpark(parked);
        }
    }

    public ReplicationMode mode()
    {
        return mode;
    }

    /**
     * Step-down: this primary learnt of a higher epoch. From now on it takes no new work and releases
     * no answer, whatever the mode or acks: what it journaled but a standby of its epoch did not
     * acknowledge is its unacknowledged tail, discarded when it rejoins. Irreversible for this gate.
     */
    public void fence()
    {
        fenced = true;
        final Thread parked = waiter;
        if (null != parked)
        {
            LockSupport.unpark(parked);
        }
    }

    /**
     * @return true once {@link #fence()} was called.
     */
    public boolean isFenced()
    {
        return fenced;
    }

    /**
     * @return the highest sequence a standby of this epoch has journaled.
     */
    public long ackedSequence()
    {
        return ackedSequence;
    }

    @Override
    public void onAck(final long journaledSequence)
    {
        if (journaledSequence <= ackedSequence)
        {
            return;
        }
        ackedSequence = journaledSequence;
        if (journaledSequence >= awaitedSequence)
        {
            final Thread parked = waiter;
            if (null != parked)
            {
                LockSupport.unpark(parked);
            }
        }
    }

    @Override
    public boolean acceptsNewWork()
    {
        return !fenced && (mode != ReplicationMode.SYNC || standbyAlive.getAsBoolean());
    }

    @Override
    public boolean isReleasable(final long sequence)
    {
        return !fenced && (mode != ReplicationMode.SYNC || ackedSequence >= sequence);
    }

    @Override
    public boolean awaitReleasable(final long sequence, final long timeoutNs)
    {
        if (isReleasable(sequence))
        {
            return true;
        }
        if (fenced)
        {
            // Never releasable again: wait one short park (the caller loops until it stops), not the timeout.
            LockSupport.parkNanos(this, Math.min(timeoutNs, MAX_PARK_NS));
            return false;
        }
        final long deadline = clock.nanoTime() + timeoutNs;
        waiter = Thread.currentThread();
        awaitedSequence = sequence;
        try
        {
            while (!isReleasable(sequence))
            {
                final long remaining = deadline - clock.nanoTime();
                if (remaining <= 0 || fenced || Thread.currentThread().isInterrupted())
                {
                    return false;
                }
                LockSupport.parkNanos(this, Math.min(remaining, MAX_PARK_NS));
            }
            return true;
        }
        finally
        {
            awaitedSequence = NOT_WAITING;
            waiter = null;
        }
    }
}

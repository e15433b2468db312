package io.tahweel.engine.replication;

/**
 * The pipeline's view of replication: the one hook the journaler and output stages consult. SOLO
 * and ASYNC never hold anything back; SYNC holds each answer until a standby has journaled its entry.
 *
 * <p>Wiring (see docs/replication.md): the journaler stage, before stamping a sequence, declines the
 * slot when {@link #acceptsNewWork()} is false; the output stage, before releasing a slot's
 * outcome, calls {@link #awaitReleasable(long, long)} with the slot's sequence, which parks (never
 * spins) and returns as soon as the standby's ack arrives.
 */
public interface ReplicationGate
{
    /** Releases everything at once: solo mode, and what a node uses before replication is configured. */
    ReplicationGate SOLO = new ReplicationGate()
    {
        @Override
        public boolean acceptsNewWork()
        {
            return true;
        }

        @Override
        public boolean isReleasable(final long sequence)
        {
            return true;
        }

        @Override
        public boolean awaitReleasable(final long sequence, final long timeoutNs)
        {
            return true;
        }
    };

    /**
     * @return false when journaling new work now would leave it unanswerable: sync mode with no
     * standby alive. Cheap; called for every slot.
     */
    boolean acceptsNewWork();

    /**
     * @param sequence of a journaled entry.
     * @return true if its outcome may leave the node now.
     */
    boolean isReleasable(long sequence);

    /**
     * Park the calling thread until {@link #isReleasable(long)} holds or the timeout passes.
     *
     * @param sequence  of a journaled entry.
     * @param timeoutNs the longest wait; callers loop (and check for shutdown) when it returns false.
     * @return true if releasable.
     */
    boolean awaitReleasable(long sequence, long timeoutNs);
}

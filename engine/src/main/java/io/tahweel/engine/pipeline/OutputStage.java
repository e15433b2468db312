package io.tahweel.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.tahweel.engine.replication.ReplicationGate;

/**
 * Stage 3: releases each outcome to its listener (gateways, demo, tests) in journal order. In
 * sync replication an answer leaves only once a standby has journaled its entry: the stage parks
 * on the replication gate (never spins). On shutdown it stops waiting, and what no standby
 * acknowledged is not released.
 */
final class OutputStage implements EventHandler<CommandSlot>
{
    private static final long GATE_WAIT_NS = 100_000_000L;

    private final OutcomeListener listener;
    private final ReplicationGate gate;
    private volatile boolean stopping;

    OutputStage(final OutcomeListener listener, final ReplicationGate gate)
    {
        this.listener = listener;
        this.gate = gate;
    }

    void stop()
    {
        stopping = true;
    }

    @Override
    public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        if (slot.rejection() == CommandSlot.ACCEPTED && !awaitReleasable(slot.sequence()))
        {
            slot.attachment(null);
            return;
        }
        listener.onOutcome(slot);
        slot.attachment(null);
    }

    /**
     * Waits for the gate until stopping; once stopping, releases only what is releasable already, without a wait per
     * slot (a ring full of answers held for a standby that just died would otherwise take 100 ms each to drop).
     */
    private boolean awaitReleasable(final long sequence)
    {
        while (!stopping)
        {
            if (gate.awaitReleasable(sequence, GATE_WAIT_NS))
            {
                return true;
            }
        }
        return gate.isReleasable(sequence);
    }
}

package io.tahweel.engine.pipeline;

import com.lmax.disruptor.EventHandler;

/** Stage 3: releases each outcome to its listener (gateways, demo, tests) in journal order. */
final class OutputStage implements EventHandler<CommandSlot>
{
    private final OutcomeListener listener;

    OutputStage(final OutcomeListener listener)
    {
        this.listener = listener;
    }

    @Override
    public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        listener.onOutcome(slot);
        slot.attachment(null);
    }
}

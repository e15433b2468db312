package io.tahweel.engine.pipeline;

/**
 * Receives every processed slot on the output stage thread, in journal order. The slot is
 * reused after the call returns: copy what you need, do not keep it.
 */
@FunctionalInterface
public interface OutcomeListener
{
    OutcomeListener NO_OP = slot -> {};

    void onOutcome(CommandSlot slot);
}

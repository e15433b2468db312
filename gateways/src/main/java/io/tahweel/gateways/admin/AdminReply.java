package io.tahweel.gateways.admin;

import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.engine.pipeline.OutcomeListener;

import java.util.concurrent.CompletableFuture;

/**
 * The answer to one admin command published by the admin interface, carried back through the
 * ring as the slot's attachment. {@link #LISTENER} must be on the node's output stage (after any
 * view that the answer reads) for admin commands to be answered.
 */
public final class AdminReply
{
    /** Completes the reply attached to a slot, if any; copies what it needs since the slot is reused. */
    public static final OutcomeListener LISTENER = slot ->
    {
        if (slot.attachment() instanceof AdminReply reply)
        {
            final Outcome outcome = slot.outcome();
            reply.future.complete(new Answer(slot.rejection(), slot.rejection() == CommandSlot.ACCEPTED ?
                slot.sequence() : 0, outcome.type(), outcome.result()));
        }
    };

    /** What the node answered: a journaler rejection code, or the entry's sequence and outcome. */
    public record Answer(int rejection, long sequence, int outcomeType, int result)
    {
    }

    final CompletableFuture<Answer> future = new CompletableFuture<>();
}

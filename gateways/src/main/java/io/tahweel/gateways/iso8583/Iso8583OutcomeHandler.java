package io.tahweel.gateways.iso8583;

import io.tahweel.engine.pipeline.CommandSlot;

/**
 * Handles outcomes of one type for {@link Iso8583OutcomeRouter}, on the output stage thread, in
 * journal order. Must not block and must not keep the slot (it is reused after the call).
 */
@FunctionalInterface
public interface Iso8583OutcomeHandler
{
    /**
     * @return true when the outcome was this handler's (answered, or dropped on purpose); false
     *         passes it to the next handler registered for the type, and finally to the router's
     *         fallback listener.
     */
    boolean onOutcome(CommandSlot slot);
}

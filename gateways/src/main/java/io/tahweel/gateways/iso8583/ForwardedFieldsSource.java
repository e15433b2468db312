package io.tahweel.gateways.iso8583;

/**
 * Where the issuer side finds the in-memory fields of an acquirer request it forwards (PIN block,
 * track 2 and the other fields the journal does not keep): the acquirer gateway, through
 * {@link Iso8583OutcomeRouter#forwardedFields()}.
 */
@FunctionalInterface
public interface ForwardedFieldsSource
{
    /** Finds nothing: forwarded messages carry only what the journal keeps. */
    ForwardedFieldsSource NONE = (connectionId, correlationId) -> null;

    /**
     * Takes the fields kept for the request {@code (connectionId, correlationId)} (an
     * {@code ACTION_FORWARD}'s action connection and correlation ids). The caller owns the result
     * and must {@link ForwardedFields#wipe()} it when the message is written; a second call for
     * the same request returns null. Null when there is none: the request had none of the fields,
     * was already answered, or its connection closed. Any thread; never blocks.
     */
    ForwardedFields take(long connectionId, long correlationId);
}

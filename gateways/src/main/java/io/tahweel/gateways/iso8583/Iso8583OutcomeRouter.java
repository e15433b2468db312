package io.tahweel.gateways.iso8583;

import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.engine.pipeline.OutcomeListener;
import org.agrona.collections.Int2ObjectHashMap;

import java.lang.System.Logger.Level;

/**
 * The node's {@link OutcomeListener} for ISO 8583 traffic: dispatches each outcome by
 * {@link Outcome#type()} to the handlers registered for it, in registration order, until one
 * takes it. Refused entries (non-zero {@link CommandSlot#rejection()}) go to the rejection
 * handlers. Whatever no handler takes goes to the fallback listener (other gateways, the demo's
 * counters).
 * <p>
 * The acquirer side registers {@link Outcome#AUTHORIZATION} (answer the acquirer connection named
 * by {@code outcome.connectionId()/correlationId()}) and a rejection handler (answer 96). Issuer
 * links, stand-in and advices register their own outcome types the same way:
 * <pre>
 *   router.register(Outcome.FORWARD_TO_ISSUER, issuerLinks::forward);
 * </pre>
 * Register before the node starts: the handler table is copied on write and read without locks on
 * the output thread. A handler that throws is logged and treated as having taken the outcome:
 * an exception must never reach the pipeline, which would stop the node.
 */
public final class Iso8583OutcomeRouter implements OutcomeListener
{
    /** Key of the rejection handlers in the table: not an outcome type. */
    public static final int REJECTED = -1;

    private static final System.Logger LOG = System.getLogger("io.tahweel.gateways.iso8583");
    private static final Iso8583OutcomeHandler[] NONE = new Iso8583OutcomeHandler[0];

    private volatile Int2ObjectHashMap<Iso8583OutcomeHandler[]> handlers = new Int2ObjectHashMap<>();
    private volatile OutcomeListener fallback = OutcomeListener.NO_OP;
    private volatile ForwardedFieldsSource forwardedFields = ForwardedFieldsSource.NONE;

    /**
     * Adds a handler for an outcome type ({@link Outcome#AUTHORIZATION}, a type the core adds
     * later, or {@link #REJECTED}); handlers of one type are asked in registration order.
     */
    public synchronized Iso8583OutcomeRouter register(final int outcomeType, final Iso8583OutcomeHandler handler)
    {
        final Int2ObjectHashMap<Iso8583OutcomeHandler[]> copy = new Int2ObjectHashMap<>(handlers);
        final Iso8583OutcomeHandler[] existing = copy.getOrDefault(outcomeType, NONE);
        final Iso8583OutcomeHandler[] grown = java.util.Arrays.copyOf(existing, existing.length + 1);
        grown[existing.length] = handler;
        copy.put(outcomeType, grown);
        handlers = copy;
        return this;
    }

    /** Receives every outcome no handler took. */
    public Iso8583OutcomeRouter fallback(final OutcomeListener fallback)
    {
        this.fallback = fallback == null ? OutcomeListener.NO_OP : fallback;
        return this;
    }

    /**
     * Where the issuer side finds the in-memory fields (PIN block, track 2, ...) of the acquirer
     * request it forwards. The acquirer gateway sets itself here; the router is the object both
     * sides are already wired to.
     */
    public Iso8583OutcomeRouter forwardedFields(final ForwardedFieldsSource source)
    {
        this.forwardedFields = source == null ? ForwardedFieldsSource.NONE : source;
        return this;
    }

    /** The source set by {@link #forwardedFields(ForwardedFieldsSource)}; never null. Any thread. */
    public ForwardedFieldsSource forwardedFields()
    {
        return forwardedFields;
    }

    @Override
    public void onOutcome(final CommandSlot slot)
    {
        final int key = slot.rejection() != CommandSlot.ACCEPTED ? REJECTED : slot.outcome().type();
        final Iso8583OutcomeHandler[] chain = handlers.get(key);
        if (chain != null)
        {
            for (final Iso8583OutcomeHandler handler : chain)
            {
                try
                {
                    if (handler.onOutcome(slot))
                    {
                        return;
                    }
                }
                catch (final RuntimeException ex)
                {
                    LOG.log(Level.ERROR, "outcome handler for type {0} failed at sequence {1}: {2}", key,
                        slot.sequence(), ex.getClass().getName());
                    return;
                }
            }
        }
        fallback.onOutcome(slot);
    }
}

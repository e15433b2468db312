package io.tahweel.replay.view;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * What the clearing view must remember of an approved authorization so its completion or refund
 * can be reported with the merchant, terminal and masked card (which only the Authorize entry
 * carries). Keyed by authorization id (the Authorize entry's sequence).
 * <p>
 * Bounded: at most {@code capacity} are kept, the oldest dropped first, like the core's own
 * authorization book, which cannot match an original older than its ring either. A fully
 * reversed authorization is dropped at once.
 */
public final class OpenAuthorizations
{
    /** Same as the core's default authorization book: nothing older can be completed. */
    public static final int DEFAULT_CAPACITY = 512 * 1024;

    /** The acceptance details of one authorization. Immutable. */
    public record Details(String merchantId, String terminalId, String maskedCard, String channel)
    {
    }

    private final Long2ObjectHashMap<Details> byId = new Long2ObjectHashMap<>();
    private final long[] order;
    private int head;
    private int size;

    public OpenAuthorizations(final int capacity)
    {
        order = new long[capacity];
    }

    public void remember(final long authorizationId, final Details details)
    {
        if (size == order.length)
        {
            byId.remove(order[head]);
            head = (head + 1) % order.length;
            size--;
        }
        order[(head + size) % order.length] = authorizationId;
        size++;
        byId.put(authorizationId, details);
    }

    /** The details, or null if the original was not seen or was dropped. */
    public Details find(final long authorizationId)
    {
        return byId.get(authorizationId);
    }

    /** Drops a finished authorization; its slot in the order ring is reclaimed when it comes round. */
    public void forget(final long authorizationId)
    {
        byId.remove(authorizationId);
    }

    public int size()
    {
        return byId.size();
    }
}

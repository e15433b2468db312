package io.tahweel.engine.card;

import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.engine.state.SnapshotWriter;
import org.agrona.collections.Long2LongHashMap;

/**
 * Messages the switch owes remote issuers (stand-in advices, reversal and completion advices),
 * in the order they arose. On each timer tick the ones due for an issuer whose link is up
 * become actions for the issuer gateway; each is retried every {@link #RETRY_NANOS} until the
 * issuer's acknowledgement is journaled. Bounded: when full, new stand-in approvals are refused.
 */
public final class StoreAndForwardQueue
{
    public static final long RETRY_NANOS = 5_000_000_000L;
    private static final int SNAPSHOT_MARKER = 0x53414651; // "SAFQ"
    private static final long MISSING = -1;

    private final int capacity;
    private final Long2LongHashMap positionByKey;
    private final int[] issuers;
    private final long[] authorizationIds;
    private final byte[] kinds;
    private final long[] amounts;
    private final long[] nextAttempts;
    private final boolean[] acknowledged;
    private long head;
    private long tail;

    public StoreAndForwardQueue(final int capacity)
    {
        this.capacity = capacity;
        positionByKey = new Long2LongHashMap(capacity * 2, 0.65f, MISSING);
        issuers = new int[capacity];
        authorizationIds = new long[capacity];
        kinds = new byte[capacity];
        amounts = new long[capacity];
        nextAttempts = new long[capacity];
        acknowledged = new boolean[capacity];
    }

    public boolean hasRoom()
    {
        return tail - head < capacity;
    }

    /** Queues a message; the caller checked {@link #hasRoom()}. A second message of the same key replaces nothing. */
    public void add(final int issuer, final long authorizationId, final int kind, final long amount)
    {
        final long key = key(authorizationId, kind);
        if (positionByKey.get(key) != MISSING)
        {
            return;
        }
        final int slot = slotOf(tail);
        issuers[slot] = issuer;
        authorizationIds[slot] = authorizationId;
        kinds[slot] = (byte)kind;
        amounts[slot] = amount;
        nextAttempts[slot] = 0;
        acknowledged[slot] = false;
        positionByKey.put(key, tail++);
    }

    /** Removes an acknowledged message; unknown or repeated acknowledgements change nothing. */
    public boolean acknowledge(final int issuer, final long authorizationId, final int kind)
    {
        final long key = key(authorizationId, kind);
        final long position = positionByKey.get(key);
        if (position == MISSING || issuers[slotOf(position)] != issuer)
        {
            return false;
        }
        acknowledged[slotOf(position)] = true;
        positionByKey.remove(key);
        while (head < tail && acknowledged[slotOf(head)])
        {
            head++;
        }
        return true;
    }

    /** Adds the messages due at {@code now} for issuers whose link is up as actions, as many as fit. */
    public void collectDue(final long now, final StandInRules links, final Outcome out)
    {
        for (long p = head; p < tail && out.hasRoomForActions(1); p++)
        {
            final int slot = slotOf(p);
            if (!acknowledged[slot] && nextAttempts[slot] <= now && links.isLinkUp(issuers[slot]))
            {
                out.addAction(Outcome.ACTION_STORE_AND_FORWARD, issuers[slot], authorizationIds[slot], amounts[slot],
                    kinds[slot], 0, 0);
                nextAttempts[slot] = now + RETRY_NANOS;
            }
        }
    }

    public long size()
    {
        return positionByKey.size();
    }

    private int slotOf(final long position)
    {
        return (int)(position % capacity);
    }

    private static long key(final long authorizationId, final int kind)
    {
        return (authorizationId << 2) | kind;
    }

    /** Bytes {@link #writeSnapshot} writes for a full queue. */
    public static long maxSnapshotLength(final int capacity)
    {
        final long advice = Integer.BYTES + 3 * Long.BYTES + 2 * Byte.BYTES;
        return Integer.BYTES + 2 * Long.BYTES + capacity * advice;
    }

    public void writeSnapshot(final SnapshotWriter writer)
    {
        writer.putMarker(SNAPSHOT_MARKER).putLong(head).putLong(tail);
        for (long p = head; p < tail; p++)
        {
            final int s = slotOf(p);
            writer.putInt(issuers[s]).putLong(authorizationIds[s]).putByte(kinds[s]).putLong(amounts[s])
                .putLong(nextAttempts[s]).putByte((byte)(acknowledged[s] ? 1 : 0));
        }
    }

    public void readSnapshot(final SnapshotReader reader)
    {
        reader.expectMarker(SNAPSHOT_MARKER);
        head = reader.getLong();
        tail = reader.getLong();
        for (long p = head; p < tail; p++)
        {
            final int s = slotOf(p);
            issuers[s] = reader.getInt();
            authorizationIds[s] = reader.getLong();
            kinds[s] = reader.getByte();
            amounts[s] = reader.getLong();
            nextAttempts[s] = reader.getLong();
            acknowledged[s] = reader.getByte() == 1;
            if (!acknowledged[s])
            {
                positionByKey.put(key(authorizationIds[s], kinds[s]), p);
            }
        }
    }
}

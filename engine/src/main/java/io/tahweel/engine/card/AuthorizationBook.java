package io.tahweel.engine.card;

import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.engine.state.SnapshotWriter;
import org.agrona.collections.Long2LongHashMap;

/**
 * Every card message the core has answered, in a bounded ring, indexed by its idempotency key.
 * <p>
 * A retransmission finds its original record here and gets the same answer; a completion or
 * reversal finds the authorization it refers to. The ring holds {@code capacity} records; when
 * it is full the oldest record is evicted if it is finished (declined, completed, reversed,
 * expired, or a completion/reversal), so the idempotency window is the last {@code capacity}
 * messages. If the oldest is an authorization still holding funds, nothing can be evicted and
 * the core declines with a system error rather than growing: size the ring above
 * (peak authorizations per second x longest hold timeout).
 * <p>
 * New authorizations may not use the last {@link #reserve()} free slots: those are kept for the
 * completions and reversals that finish holds, so a book full of live holds can still be
 * reversed out of rather than waiting for every hold to time out.
 */
public final class AuthorizationBook
{
    public static final int NOT_FOUND = -1;

    public static final byte KIND_AUTHORIZE = 1;
    public static final byte KIND_COMPLETE = 2;
    public static final byte KIND_REVERSE = 3;

    /** Authorization states; only {@link #HELD} keeps a record from being evicted. */
    public static final byte STATE_DECLINED = 0;
    public static final byte STATE_HELD = 1;
    public static final byte STATE_COMPLETED = 2;
    public static final byte STATE_POSTED = 3;
    public static final byte STATE_REVERSED = 4;
    public static final byte STATE_EXPIRED = 5;
    public static final byte STATE_ADVICE = 6;
    /** Forwarded to a remote issuer; the acquirer has no answer yet. */
    public static final byte STATE_AWAITING_ISSUER = 7;
    /** Approved by the remote issuer: no hold in this ledger; completion clears it. */
    public static final byte STATE_REMOTE_APPROVED = 8;
    /** Approved by stand-in on the remote issuer's behalf. */
    public static final byte STATE_STOOD_IN = 9;
    /** Declined by stand-in (time-out or link down); a late issuer approval must be reversed. */
    public static final byte STATE_STAND_IN_DECLINED = 10;

    private static final int SNAPSHOT_MARKER = 0x424F4F4B; // "BOOK"
    private static final long NO_SLOT = -1L;

    private final int capacity;
    private final int reserve;
    private final int indexMask;
    private final long[] indexHashes;
    private final int[] indexSlots; // slot + 1; 0 = empty
    private final Long2LongHashMap slotByHoldTransfer;

    // key
    private final int[] acquirerIds;
    private final int[] stans;
    private final long[] transmissionDateTimes;
    private final long[] rrnHighs;
    private final int[] rrnLows;
    private final long[] keyHashes;
    // answer
    private final byte[] kinds;
    private final short[] results;
    private final long[] authorizationIds;
    private final long[] answeredAmounts;
    private final int[] issuerIds;
    // authorization state
    private final byte[] states;
    private final int[] cardIndexes;
    private final long[] debitAccounts;
    private final long[] creditAccounts;
    private final short[] currencies;
    private final long[] holdTransferIds;
    private final long[] currentAmounts;
    private final long[] approvalDays;
    private final long[] holdExpiries;
    private final long[] originConnectionIds;
    private final long[] originCorrelationIds;
    private final short[] issuerResponseCodes;
    private final boolean[] remotes;
    private final long[] cardTokens;
    private final int[] processingCodes;
    private final boolean[] singleMessages;
    private final Long2LongHashMap remoteSlotByAuthorizationId;

    private long head; // oldest record, as a count of records ever added
    private long tail; // next record

    public AuthorizationBook(final int capacity)
    {
        this.capacity = capacity;
        this.reserve = Math.max(1, capacity / 64);
        final int indexSize = Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1;
        indexMask = indexSize - 1;
        indexHashes = new long[indexSize];
        indexSlots = new int[indexSize];
        slotByHoldTransfer = new Long2LongHashMap(capacity, 0.65f, NO_SLOT);
        acquirerIds = new int[capacity];
        stans = new int[capacity];
        transmissionDateTimes = new long[capacity];
        rrnHighs = new long[capacity];
        rrnLows = new int[capacity];
        keyHashes = new long[capacity];
        kinds = new byte[capacity];
        results = new short[capacity];
        authorizationIds = new long[capacity];
        answeredAmounts = new long[capacity];
        issuerIds = new int[capacity];
        states = new byte[capacity];
        cardIndexes = new int[capacity];
        debitAccounts = new long[capacity];
        creditAccounts = new long[capacity];
        currencies = new short[capacity];
        holdTransferIds = new long[capacity];
        currentAmounts = new long[capacity];
        approvalDays = new long[capacity];
        holdExpiries = new long[capacity];
        originConnectionIds = new long[capacity];
        originCorrelationIds = new long[capacity];
        issuerResponseCodes = new short[capacity];
        remotes = new boolean[capacity];
        cardTokens = new long[capacity];
        processingCodes = new int[capacity];
        singleMessages = new boolean[capacity];
        remoteSlotByAuthorizationId = new Long2LongHashMap(capacity, 0.65f, NO_SLOT);
    }

    /** Slot of the record with this key, or {@link #NOT_FOUND}. */
    public int find(final MessageKey key)
    {
        final long hash = key.hash();
        int i = (int)hash & indexMask;
        int slotPlusOne;
        while ((slotPlusOne = indexSlots[i]) != 0)
        {
            final int slot = slotPlusOne - 1;
            if (indexHashes[i] == hash && matches(slot, key))
            {
                return slot;
            }
            i = (i + 1) & indexMask;
        }
        return NOT_FOUND;
    }

    /** True when a completion or reversal can be recorded, evicting the oldest if it is finished. */
    public boolean hasRoom()
    {
        return tail - head < capacity || !isLive(states[slotOf(head)]);
    }

    /** A record that must not be evicted: it holds funds or awaits the issuer. */
    private static boolean isLive(final byte state)
    {
        return state == STATE_HELD || state == STATE_AWAITING_ISSUER;
    }

    /** True when a new authorization can be recorded without using the reserve. */
    public boolean hasRoomForAuthorization()
    {
        return capacity - (tail - head) > reserve || (tail > head && !isLive(states[slotOf(head)]));
    }

    /** Slots kept for completions and reversals: 1/64 of the capacity, at least one. */
    public int reserve()
    {
        return reserve;
    }

    /**
     * Adds an answered message; the caller checked {@link #hasRoom()} and that the key is new.
     *
     * @return the record's slot.
     */
    public int add(final MessageKey key, final byte kind, final int result, final long authorizationId, final long amount,
        final int issuerId)
    {
        if (tail - head == capacity)
        {
            evictOldest();
        }
        final int slot = slotOf(tail++);
        final long hash = key.hash();
        acquirerIds[slot] = key.acquirerId;
        stans[slot] = key.stan;
        transmissionDateTimes[slot] = key.transmissionDateTime;
        rrnHighs[slot] = key.rrnHigh;
        rrnLows[slot] = key.rrnLow;
        keyHashes[slot] = hash;
        kinds[slot] = kind;
        results[slot] = (short)result;
        authorizationIds[slot] = authorizationId;
        answeredAmounts[slot] = amount;
        issuerIds[slot] = issuerId;
        states[slot] = kind == KIND_AUTHORIZE ? STATE_DECLINED : STATE_ADVICE;
        cardIndexes[slot] = -1;
        debitAccounts[slot] = 0;
        creditAccounts[slot] = 0;
        currencies[slot] = 0;
        holdTransferIds[slot] = 0;
        currentAmounts[slot] = 0;
        approvalDays[slot] = 0;
        holdExpiries[slot] = 0;
        originConnectionIds[slot] = 0;
        originCorrelationIds[slot] = 0;
        issuerResponseCodes[slot] = 0;
        remotes[slot] = false;
        cardTokens[slot] = 0;
        processingCodes[slot] = 0;
        singleMessages[slot] = false;
        insertIndex(hash, slot);
        return slot;
    }

    /** Remembers where to answer a request routed to a remote issuer, and indexes it by its id. */
    public void remote(final int slot, final long connectionId, final long correlationId, final int currency,
        final long deadline)
    {
        originConnectionIds[slot] = connectionId;
        originCorrelationIds[slot] = correlationId;
        currencies[slot] = (short)currency;
        holdExpiries[slot] = deadline;
        remotes[slot] = true;
        remoteSlotByAuthorizationId.put(authorizationIds[slot], slot);
    }

    /** What a remote authorization needs for stand-in and clearing: no card or ledger hold here. */
    public void approvedRemote(final int slot, final long token, final int processingCode, final boolean singleMessage,
        final long amount, final long day)
    {
        cardTokens[slot] = token;
        processingCodes[slot] = processingCode;
        singleMessages[slot] = singleMessage;
        currentAmounts[slot] = amount;
        approvalDays[slot] = day;
    }

    public long cardToken(final int slot)
    {
        return cardTokens[slot];
    }

    public int processingCode(final int slot)
    {
        return processingCodes[slot];
    }

    public boolean isSingleMessage(final int slot)
    {
        return singleMessages[slot];
    }

    /** The record of a remote authorization by its id, or {@link #NOT_FOUND}. */
    public int findRemote(final long authorizationId)
    {
        return (int)remoteSlotByAuthorizationId.get(authorizationId);
    }

    public long originConnectionId(final int slot)
    {
        return originConnectionIds[slot];
    }

    public long originCorrelationId(final int slot)
    {
        return originCorrelationIds[slot];
    }

    /** Replaces the remembered answer: a forwarded request is answered later than it was recorded. */
    public void answer(final int slot, final int result, final long amount, final short issuerResponseCode)
    {
        results[slot] = (short)result;
        answeredAmounts[slot] = amount;
        issuerResponseCodes[slot] = issuerResponseCode;
    }

    public boolean isRemote(final int slot)
    {
        return remotes[slot];
    }

    public short issuerResponseCode(final int slot)
    {
        return issuerResponseCodes[slot];
    }

    /** Records the money side of an approved authorization. */
    public void approved(final int slot, final byte state, final int cardIndex, final long debitAccount,
        final long creditAccount, final int currency, final long transferId, final long amount, final long day,
        final long holdExpiry)
    {
        states[slot] = state;
        cardIndexes[slot] = cardIndex;
        debitAccounts[slot] = debitAccount;
        creditAccounts[slot] = creditAccount;
        currencies[slot] = (short)currency;
        currentAmounts[slot] = amount;
        approvalDays[slot] = day;
        holdExpiries[slot] = holdExpiry;
        holdTransfer(slot, transferId);
    }

    /** Moves the record to a new state; leaving HELD unregisters its hold. */
    public void state(final int slot, final byte state)
    {
        if (states[slot] == STATE_HELD && state != STATE_HELD)
        {
            slotByHoldTransfer.remove(holdTransferIds[slot]);
        }
        states[slot] = state;
    }

    /** Replaces the hold of a HELD authorization (partial reversal re-holds the remaining amount). */
    public void holdTransfer(final int slot, final long transferId)
    {
        if (holdTransferIds[slot] != 0)
        {
            slotByHoldTransfer.remove(holdTransferIds[slot]);
        }
        holdTransferIds[slot] = transferId;
        if (states[slot] == STATE_HELD)
        {
            slotByHoldTransfer.put(transferId, slot);
        }
    }

    /** The HELD authorization whose hold is this pending transfer, or {@link #NOT_FOUND}. */
    public int findByHold(final long transferId)
    {
        return (int)slotByHoldTransfer.get(transferId);
    }

    public void currentAmount(final int slot, final long amount)
    {
        currentAmounts[slot] = amount;
    }

    public int acquirerId(final int slot)
    {
        return acquirerIds[slot];
    }

    public byte kind(final int slot)
    {
        return kinds[slot];
    }

    public int result(final int slot)
    {
        return results[slot];
    }

    public long authorizationId(final int slot)
    {
        return authorizationIds[slot];
    }

    public long answeredAmount(final int slot)
    {
        return answeredAmounts[slot];
    }

    public int issuerId(final int slot)
    {
        return issuerIds[slot];
    }

    public byte state(final int slot)
    {
        return states[slot];
    }

    public int cardIndex(final int slot)
    {
        return cardIndexes[slot];
    }

    public long debitAccount(final int slot)
    {
        return debitAccounts[slot];
    }

    public long creditAccount(final int slot)
    {
        return creditAccounts[slot];
    }

    public int currency(final int slot)
    {
        return currencies[slot];
    }

    public long holdTransferId(final int slot)
    {
        return holdTransferIds[slot];
    }

    public long currentAmount(final int slot)
    {
        return currentAmounts[slot];
    }

    public long approvalDay(final int slot)
    {
        return approvalDays[slot];
    }

    public long holdExpiry(final int slot)
    {
        return holdExpiries[slot];
    }

    public long size()
    {
        return tail - head;
    }

    private int slotOf(final long position)
    {
        return (int)(position % capacity);
    }

    private boolean matches(final int slot, final MessageKey key)
    {
        return acquirerIds[slot] == key.acquirerId && stans[slot] == key.stan &&
            transmissionDateTimes[slot] == key.transmissionDateTime && rrnHighs[slot] == key.rrnHigh &&
            rrnLows[slot] == key.rrnLow;
    }

    private void evictOldest()
    {
        final int slot = slotOf(head++);
        removeIndex(keyHashes[slot], slot);
        if (remotes[slot])
        {
            remoteSlotByAuthorizationId.remove(authorizationIds[slot]);
        }
        if (isLive(states[slot]))
        {
            throw new IllegalStateException("evicting a live authorization; caller must check hasRoom()");
        }
    }

    private void insertIndex(final long hash, final int slot)
    {
        int i = (int)hash & indexMask;
        while (indexSlots[i] != 0)
        {
            i = (i + 1) & indexMask;
        }
        indexHashes[i] = hash;
        indexSlots[i] = slot + 1;
    }

    /** Linear-probing delete with backward shift, so no tombstones accumulate. */
    private void removeIndex(final long hash, final int slot)
    {
        int i = (int)hash & indexMask;
        while (indexSlots[i] != slot + 1)
        {
            i = (i + 1) & indexMask;
        }
        int gap = i;
        int j = i;
        while (true)
        {
            j = (j + 1) & indexMask;
            if (indexSlots[j] == 0)
            {
                break;
            }
            final int home = (int)indexHashes[j] & indexMask;
            final boolean homeOutsideGapToJ = gap <= j ? (home <= gap || home > j) : (home <= gap && home > j);
            if (homeOutsideGapToJ)
            {
                indexHashes[gap] = indexHashes[j];
                indexSlots[gap] = indexSlots[j];
                gap = j;
            }
        }
        indexSlots[gap] = 0;
        indexHashes[gap] = 0;
    }

    public void writeSnapshot(final SnapshotWriter writer)
    {
        writer.putMarker(SNAPSHOT_MARKER).putLong(head).putLong(tail);
        for (long p = head; p < tail; p++)
        {
            final int s = slotOf(p);
            writer.putInt(acquirerIds[s]).putInt(stans[s]).putLong(transmissionDateTimes[s]).putLong(rrnHighs[s])
                .putInt(rrnLows[s]).putByte(kinds[s]).putShort(results[s]).putLong(authorizationIds[s])
                .putLong(answeredAmounts[s]).putInt(issuerIds[s]).putByte(states[s]).putInt(cardIndexes[s])
                .putLong(debitAccounts[s]).putLong(creditAccounts[s]).putShort(currencies[s])
                .putLong(holdTransferIds[s]).putLong(currentAmounts[s]).putLong(approvalDays[s])
                .putLong(holdExpiries[s]).putLong(originConnectionIds[s]).putLong(originCorrelationIds[s])
                .putShort(issuerResponseCodes[s]).putByte((byte)(remotes[s] ? 1 : 0))
                .putLong(cardTokens[s]).putInt(processingCodes[s]).putByte((byte)(singleMessages[s] ? 1 : 0));
        }
    }

    public void readSnapshot(final SnapshotReader reader)
    {
        reader.expectMarker(SNAPSHOT_MARKER);
        final long savedHead = reader.getLong();
        final long savedTail = reader.getLong();
        if (savedTail - savedHead > capacity)
        {
            throw new IllegalStateException("snapshot holds " + (savedTail - savedHead) +
                " card messages, more than the configured capacity " + capacity);
        }
        head = savedHead;
        tail = savedHead;
        final MessageKey key = new MessageKey();
        for (long p = savedHead; p < savedTail; p++)
        {
            key.set(reader.getInt(), reader.getInt(), reader.getLong(), reader.getLong(), reader.getInt());
            final byte kind = reader.getByte();
            final int slot = add(key, kind, reader.getShort(), reader.getLong(), reader.getLong(), reader.getInt());
            states[slot] = reader.getByte();
            cardIndexes[slot] = reader.getInt();
            debitAccounts[slot] = reader.getLong();
            creditAccounts[slot] = reader.getLong();
            currencies[slot] = reader.getShort();
            holdTransferIds[slot] = reader.getLong();
            currentAmounts[slot] = reader.getLong();
            approvalDays[slot] = reader.getLong();
            holdExpiries[slot] = reader.getLong();
            originConnectionIds[slot] = reader.getLong();
            originCorrelationIds[slot] = reader.getLong();
            issuerResponseCodes[slot] = reader.getShort();
            remotes[slot] = reader.getByte() == 1;
            cardTokens[slot] = reader.getLong();
            processingCodes[slot] = reader.getInt();
            singleMessages[slot] = reader.getByte() == 1;
            if (states[slot] == STATE_HELD)
            {
                slotByHoldTransfer.put(holdTransferIds[slot], slot);
            }
            if (remotes[slot])
            {
                remoteSlotByAuthorizationId.put(authorizationIds[slot], slot);
            }
        }
    }
}

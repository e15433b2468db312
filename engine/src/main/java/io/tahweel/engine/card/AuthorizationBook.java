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
 * <p>
 * <b>Storage</b> (why: at the production size the book is far larger than the caches, so what
 * costs is the number of cache lines a message touches). A record is one row of {@link #ROW}
 * longs in {@code rows}, written front to back as the ring advances (one sequential stream
 * instead of ~27 parallel arrays):
 * <pre>
 *   long 0  acquirerId (low 32) | stan (high 32)      long 9   creditAccount
 *   long 1  transmissionDateTime                      long 10  holdTransferId
 *   long 2  rrn bytes 0..7                            long 11  currentAmount
 *   long 3  rrn bytes 8..11 (low 32) | issuerId       long 12  approvalDay
 *   long 4  authorizationId                           long 13  holdExpiry
 *   long 5  answeredAmount                            long 14  originConnectionId
 *   long 6  kind | state | remote | singleMessage      long 15  originCorrelationId
 *           (a byte each) | result (16) | currency (16) long 16  cardToken
 *   long 7  cardIndex (low 32) | issuerResponseCode   long 17  processingCode
 *   long 8  debitAccount
 * </pre>
 * The key index is open addressing with linear probing over one {@code long[]}: an entry is
 * the key's hash with its low {@link #SLOT_BITS} bits replaced by slot + 1 (0 = empty), so a
 * probe is one memory access that both filters by hash and names the row; the home bucket
 * comes from the hash's upper bits, so an entry gives back its own home and deletion shifts
 * entries back (no tombstones). Ring positions are counted in longs ({@code head},
 * {@code tail}) with their slots kept alongside, so the hot path never divides.
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
    /** Largest capacity: a slot (plus one) must fit the low {@link #SLOT_BITS} bits of an index entry. */
    public static final int MAX_CAPACITY = 1 << 26;

    // Row layout: one record is ROW consecutive longs of `rows`, field offsets below.
    private static final int KEY_ACQUIRER_STAN = 0;      // acquirerId (low 32) | stan (high 32)
    private static final int KEY_DATE_TIME = 1;
    private static final int KEY_RRN_HIGH = 2;
    private static final int RRN_LOW_ISSUER = 3;         // rrnLow (low 32) | issuerId (high 32)
    private static final int AUTHORIZATION_ID = 4;
    private static final int ANSWERED_AMOUNT = 5;
    private static final int CODES = 6;                  // see CODE_* shifts
    private static final int CARD_INDEX_RESPONSE = 7;    // cardIndex (low 32) | issuerResponseCode (bits 32..47)
    private static final int DEBIT_ACCOUNT = 8;
    private static final int CREDIT_ACCOUNT = 9;
    private static final int HOLD_TRANSFER_ID = 10;
    private static final int CURRENT_AMOUNT = 11;
    private static final int APPROVAL_DAY = 12;
    private static final int HOLD_EXPIRY = 13;
    private static final int ORIGIN_CONNECTION_ID = 14;
    private static final int ORIGIN_CORRELATION_ID = 15;
    private static final int CARD_TOKEN = 16;
    private static final int PROCESSING_CODE = 17;
    private static final int ROW = 18;

    // CODES word: kind, state, remote, singleMessage one byte each, then result and currency 16 bits each.
    private static final int CODE_KIND = 0;
    private static final int CODE_STATE = 8;
    private static final int CODE_REMOTE = 16;
    private static final int CODE_SINGLE = 24;
    private static final int CODE_RESULT = 32;
    private static final int CODE_CURRENCY = 48;

    // Index entry: (key hash with its low SLOT_BITS cleared) | (slot + 1); 0 = empty bucket.
    private static final int SLOT_BITS = 27;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
    private static final long TAG_MASK = ~SLOT_MASK;

    private final int capacity;
    private final int reserve;
    private final int indexMask;
    private final long[] index;
    private final long[] rows;
    private final Long2LongHashMap remoteSlotByAuthorizationId;

    private long head; // oldest record, as a count of records ever added
    private long tail; // next record
    private int headSlot; // slot of head, kept alongside so the hot path never divides
    private int tailSlot; // slot of tail
    private long evictionHash; // key hash of the record at evictionHashSlot, see touchEvictionBucket
    private int evictionHashSlot = -1;
    private long touched;

    public AuthorizationBook(final int capacity)
    {
        if (capacity < 1 || capacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException("capacity must be in 1.." + MAX_CAPACITY + ": " + capacity);
        }
        this.capacity = capacity;
        this.reserve = Math.max(1, capacity / 64);
        final int indexSize = Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1;
        indexMask = indexSize - 1;
        index = new long[indexSize];
        rows = new long[capacity * ROW];
        remoteSlotByAuthorizationId = new Long2LongHashMap(capacity, 0.65f, NO_SLOT);
    }

    /** Slot of the record with this key, or {@link #NOT_FOUND}. */
    public int find(final MessageKey key)
    {
        final long hash = key.hash();
        final long tag = hash & TAG_MASK;
        final long[] index = this.index;
        if (tail - head == capacity)
        {
            touchEvictionBucket();
        }
        int i = home(hash);
        long entry;
        while ((entry = index[i]) != 0)
        {
            if ((entry & TAG_MASK) == tag)
            {
                final int slot = (int)(entry & SLOT_MASK) - 1;
                if (matches(slot, key))
                {
                    return slot;
                }
            }
            i = (i + 1) & indexMask;
        }
        return NOT_FOUND;
    }

    /** True when a completion or reversal can be recorded, evicting the oldest if it is finished. */
    public boolean hasRoom()
    {
        return tail - head < capacity || !isLive(state(headSlot));
    }

    /** A record that must not be evicted: it holds funds or awaits the issuer. */
    private static boolean isLive(final byte state)
    {
        return state == STATE_HELD || state == STATE_AWAITING_ISSUER;
    }

    /** True when a new authorization can be recorded without using the reserve. */
    public boolean hasRoomForAuthorization()
    {
        return capacity - (tail - head) > reserve || (tail > head && !isLive(state(headSlot)));
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
        final int slot = tailSlot;
        tail++;
        tailSlot = slot + 1 == capacity ? 0 : slot + 1;
        final long hash = key.hash();
        final long[] rows = this.rows;
        final int r = slot * ROW;
        rows[r + KEY_ACQUIRER_STAN] = pack(key.acquirerId, key.stan);
        rows[r + KEY_DATE_TIME] = key.transmissionDateTime;
        rows[r + KEY_RRN_HIGH] = key.rrnHigh;
        rows[r + RRN_LOW_ISSUER] = pack(key.rrnLow, issuerId);
        rows[r + AUTHORIZATION_ID] = authorizationId;
        rows[r + ANSWERED_AMOUNT] = amount;
        final byte state = kind == KIND_AUTHORIZE ? STATE_DECLINED : STATE_ADVICE;
        rows[r + CODES] = (kind & 0xFFL) << CODE_KIND | (state & 0xFFL) << CODE_STATE |
            ((long)result & 0xFFFFL) << CODE_RESULT;
        rows[r + CARD_INDEX_RESPONSE] = pack(-1, 0);
        rows[r + DEBIT_ACCOUNT] = 0;
        rows[r + CREDIT_ACCOUNT] = 0;
        rows[r + HOLD_TRANSFER_ID] = 0;
        rows[r + CURRENT_AMOUNT] = 0;
        rows[r + APPROVAL_DAY] = 0;
        rows[r + HOLD_EXPIRY] = 0;
        rows[r + ORIGIN_CONNECTION_ID] = 0;
        rows[r + ORIGIN_CORRELATION_ID] = 0;
        rows[r + CARD_TOKEN] = 0;
        rows[r + PROCESSING_CODE] = 0;
        insertIndex(hash, slot);
        return slot;
    }

    /** Remembers where to answer a request routed to a remote issuer, and indexes it by its id. */
    public void remote(final int slot, final long connectionId, final long correlationId, final int currency,
        final long deadline)
    {
        final int r = slot * ROW;
        rows[r + ORIGIN_CONNECTION_ID] = connectionId;
        rows[r + ORIGIN_CORRELATION_ID] = correlationId;
        currencyCode(slot, currency);
        rows[r + HOLD_EXPIRY] = deadline;
        code(slot, CODE_REMOTE, 0xFF, 1);
        remoteSlotByAuthorizationId.put(authorizationId(slot), slot);
    }

    /** What a remote authorization needs for stand-in and clearing: no card or ledger hold here. */
    public void approvedRemote(final int slot, final long token, final int processingCode, final boolean singleMessage,
        final long amount, final long day)
    {
        final int r = slot * ROW;
        rows[r + CARD_TOKEN] = token;
        rows[r + PROCESSING_CODE] = processingCode;
        code(slot, CODE_SINGLE, 0xFF, singleMessage ? 1 : 0);
        rows[r + CURRENT_AMOUNT] = amount;
        rows[r + APPROVAL_DAY] = day;
    }

    public long cardToken(final int slot)
    {
        return rows[slot * ROW + CARD_TOKEN];
    }

    public int processingCode(final int slot)
    {
        return (int)rows[slot * ROW + PROCESSING_CODE];
    }

    public boolean isSingleMessage(final int slot)
    {
        return code(slot, CODE_SINGLE, 0xFF) != 0;
    }

    /** The record of a remote authorization by its id, or {@link #NOT_FOUND}. */
    public int findRemote(final long authorizationId)
    {
        return (int)remoteSlotByAuthorizationId.get(authorizationId);
    }

    public long originConnectionId(final int slot)
    {
        return rows[slot * ROW + ORIGIN_CONNECTION_ID];
    }

    public long originCorrelationId(final int slot)
    {
        return rows[slot * ROW + ORIGIN_CORRELATION_ID];
    }

    /** Replaces the remembered answer: a forwarded request is answered later than it was recorded. */
    public void answer(final int slot, final int result, final long amount, final short issuerResponseCode)
    {
        code(slot, CODE_RESULT, 0xFFFF, result);
        rows[slot * ROW + ANSWERED_AMOUNT] = amount;
        issuerResponseCode(slot, issuerResponseCode);
    }

    public boolean isRemote(final int slot)
    {
        return code(slot, CODE_REMOTE, 0xFF) != 0;
    }

    public short issuerResponseCode(final int slot)
    {
        return (short)(rows[slot * ROW + CARD_INDEX_RESPONSE] >>> 32);
    }

    /** Records the money side of an approved authorization. */
    public void approved(final int slot, final byte state, final int cardIndex, final long debitAccount,
        final long creditAccount, final int currency, final long transferId, final long amount, final long day,
        final long holdExpiry)
    {
        final int r = slot * ROW;
        code(slot, CODE_STATE, 0xFF, state);
        cardIndex(slot, cardIndex);
        rows[r + DEBIT_ACCOUNT] = debitAccount;
        rows[r + CREDIT_ACCOUNT] = creditAccount;
        currencyCode(slot, currency);
        rows[r + CURRENT_AMOUNT] = amount;
        rows[r + APPROVAL_DAY] = day;
        rows[r + HOLD_EXPIRY] = holdExpiry;
        holdTransfer(slot, transferId);
    }

    /** Moves the record to a new state. */
    public void state(final int slot, final byte state)
    {
        code(slot, CODE_STATE, 0xFF, state);
    }

    /** Replaces the hold of a HELD authorization (partial reversal re-holds the remaining amount). */
    public void holdTransfer(final int slot, final long transferId)
    {
        rows[slot * ROW + HOLD_TRANSFER_ID] = transferId;
    }

    /**
     * True when {@code slot} (a slot the ledger handed back as a hold's holder) is a HELD
     * authorization whose hold is this pending transfer. A HELD record is never evicted, so a slot
     * that has since been reused holds another record and answers false.
     */
    public boolean isHeldBy(final int slot, final long transferId)
    {
        return slot >= 0 && slot < capacity && state(slot) == STATE_HELD && holdTransferId(slot) == transferId;
    }

    /** Calls {@code visitor} with each HELD authorization's slot and hold, oldest first (after a restore). */
    public void forEachHeld(final HeldVisitor visitor)
    {
        int slot = headSlot;
        for (long p = head; p < tail; p++)
        {
            if (state(slot) == STATE_HELD)
            {
                visitor.held(slot, holdTransferId(slot));
            }
            slot = slot + 1 == capacity ? 0 : slot + 1;
        }
    }

    /** See {@link #forEachHeld}. */
    @FunctionalInterface
    public interface HeldVisitor
    {
        void held(int slot, long holdTransferId);
    }

    public void currentAmount(final int slot, final long amount)
    {
        rows[slot * ROW + CURRENT_AMOUNT] = amount;
    }

    public int acquirerId(final int slot)
    {
        return (int)rows[slot * ROW + KEY_ACQUIRER_STAN];
    }

    public byte kind(final int slot)
    {
        return (byte)code(slot, CODE_KIND, 0xFF);
    }

    public int result(final int slot)
    {
        return (short)code(slot, CODE_RESULT, 0xFFFF);
    }

    public long authorizationId(final int slot)
    {
        return rows[slot * ROW + AUTHORIZATION_ID];
    }

    public long answeredAmount(final int slot)
    {
        return rows[slot * ROW + ANSWERED_AMOUNT];
    }

    public int issuerId(final int slot)
    {
        return (int)(rows[slot * ROW + RRN_LOW_ISSUER] >>> 32);
    }

    public byte state(final int slot)
    {
        return (byte)code(slot, CODE_STATE, 0xFF);
    }

    public int cardIndex(final int slot)
    {
        return (int)rows[slot * ROW + CARD_INDEX_RESPONSE];
    }

    public long debitAccount(final int slot)
    {
        return rows[slot * ROW + DEBIT_ACCOUNT];
    }

    public long creditAccount(final int slot)
    {
        return rows[slot * ROW + CREDIT_ACCOUNT];
    }

    public int currency(final int slot)
    {
        return (short)code(slot, CODE_CURRENCY, 0xFFFF);
    }

    public long holdTransferId(final int slot)
    {
        return rows[slot * ROW + HOLD_TRANSFER_ID];
    }

    public long currentAmount(final int slot)
    {
        return rows[slot * ROW + CURRENT_AMOUNT];
    }

    public long approvalDay(final int slot)
    {
        return rows[slot * ROW + APPROVAL_DAY];
    }

    public long holdExpiry(final int slot)
    {
        return rows[slot * ROW + HOLD_EXPIRY];
    }

    public long size()
    {
        return tail - head;
    }

    private static long pack(final int low, final int high)
    {
        return (low & 0xFFFF_FFFFL) | ((long)high << 32);
    }

    private long code(final int slot, final int shift, final long mask)
    {
        return (rows[slot * ROW + CODES] >>> shift) & mask;
    }

    private void code(final int slot, final int shift, final long mask, final long value)
    {
        final int r = slot * ROW + CODES;
        rows[r] = (rows[r] & ~(mask << shift)) | ((value & mask) << shift);
    }

    private void currencyCode(final int slot, final int currency)
    {
        code(slot, CODE_CURRENCY, 0xFFFF, currency);
    }

    private void cardIndex(final int slot, final int cardIndex)
    {
        final int r = slot * ROW + CARD_INDEX_RESPONSE;
        rows[r] = (rows[r] & ~0xFFFF_FFFFL) | (cardIndex & 0xFFFF_FFFFL);
    }

    private void issuerResponseCode(final int slot, final short code)
    {
        final int r = slot * ROW + CARD_INDEX_RESPONSE;
        rows[r] = (rows[r] & 0xFFFF_FFFFL) | ((code & 0xFFFFL) << 32);
    }

    private boolean matches(final int slot, final MessageKey key)
    {
        final int r = slot * ROW;
        return rows[r + KEY_ACQUIRER_STAN] == pack(key.acquirerId, key.stan) &&
            rows[r + KEY_DATE_TIME] == key.transmissionDateTime && rows[r + KEY_RRN_HIGH] == key.rrnHigh &&
            (int)rows[r + RRN_LOW_ISSUER] == key.rrnLow;
    }

    private void evictOldest()
    {
        final int slot = headSlot;
        head++;
        headSlot = slot + 1 == capacity ? 0 : slot + 1;
        removeIndex(slot);
        if (isRemote(slot))
        {
            remoteSlotByAuthorizationId.remove(authorizationId(slot));
        }
        if (isLive(state(slot)))
        {
            throw new IllegalStateException("evicting a live authorization; caller must check hasRoom()");
        }
    }

    /**
     * The next {@link #add} evicts the oldest record and deletes its index entry: a second
     * random access into an index larger than the caches. Loading that bucket here, next to
     * the probe for the new key, lets the two cache misses overlap instead of following each
     * other. The loaded value only feeds a field, so the JIT cannot drop the load; the hash is
     * kept for {@link #removeIndex}. Changes no state the book reports or snapshots.
     */
    private void touchEvictionBucket()
    {
        if (evictionHashSlot != headSlot)
        {
            evictionHash = keyHash(headSlot);
            evictionHashSlot = headSlot;
        }
        touched = index[home(evictionHash)];
    }

    /** Home bucket, taken from tag bits so that a stored entry gives back its own home. */
    private int home(final long hashOrEntry)
    {
        return (int)(hashOrEntry >>> SLOT_BITS) & indexMask;
    }

    private void insertIndex(final long hash, final int slot)
    {
        int i = home(hash);
        while (index[i] != 0)
        {
            i = (i + 1) & indexMask;
        }
        index[i] = (hash & TAG_MASK) | (slot + 1);
    }

    /**
     * Linear-probing delete with backward shift, so no tombstones accumulate. The record's key
     * hash is recomputed from its row (the index keeps only the hash's tag bits).
     */
    private void removeIndex(final int slot)
    {
        final long[] index = this.index;
        final int mask = indexMask;
        final long hash = evictionHashSlot == slot ? evictionHash : keyHash(slot);
        evictionHashSlot = -1;
        int i = home(hash);
        while ((index[i] & SLOT_MASK) != slot + 1)
        {
            i = (i + 1) & mask;
        }
        int gap = i;
        int j = i;
        while (true)
        {
            j = (j + 1) & mask;
            final long entry = index[j];
            if (entry == 0)
            {
                break;
            }
            final int home = home(entry);
            final boolean homeOutsideGapToJ = gap <= j ? (home <= gap || home > j) : (home <= gap && home > j);
            if (homeOutsideGapToJ)
            {
                index[gap] = entry;
                gap = j;
            }
        }
        index[gap] = 0;
    }

    private long keyHash(final int slot)
    {
        final int r = slot * ROW;
        final long acquirerStan = rows[r + KEY_ACQUIRER_STAN];
        return MessageKey.hash((int)acquirerStan, (int)(acquirerStan >>> 32), rows[r + KEY_DATE_TIME],
            rows[r + KEY_RRN_HIGH], (int)rows[r + RRN_LOW_ISSUER]);
    }

    /** Bytes {@link #writeSnapshot} writes for a full book of {@code capacity} records. */
    public static long maxSnapshotLength(final int capacity)
    {
        final long record = 13 * Long.BYTES + 6 * Integer.BYTES + 3 * Short.BYTES + 4 * Byte.BYTES;
        return Integer.BYTES + 2 * Long.BYTES + capacity * record;
    }

    public void writeSnapshot(final SnapshotWriter writer)
    {
        writer.putMarker(SNAPSHOT_MARKER).putLong(head).putLong(tail);
        int s = headSlot;
        for (long p = head; p < tail; p++)
        {
            writeRecord(writer, s);
            s = s + 1 == capacity ? 0 : s + 1;
        }
    }

    /**
     * One record of {@link #writeSnapshot}.
     * A method of its own so that the JIT compiles it after a few thousand records of the first snapshot, instead
     * of running the whole loop interpreted until it is compiled on the stack (tens of thousands of records: most of
     * the first checkpoint's stall at production sizes).
     */
    private void writeRecord(final SnapshotWriter writer, final int s)
    {
        final int r = s * ROW;
        writer.putInt(acquirerId(s)).putInt((int)(rows[r + KEY_ACQUIRER_STAN] >>> 32))
            .putLong(rows[r + KEY_DATE_TIME]).putLong(rows[r + KEY_RRN_HIGH])
            .putInt((int)rows[r + RRN_LOW_ISSUER]).putByte(kind(s)).putShort((short)result(s))
            .putLong(authorizationId(s)).putLong(answeredAmount(s)).putInt(issuerId(s)).putByte(state(s))
            .putInt(cardIndex(s)).putLong(debitAccount(s)).putLong(creditAccount(s)).putShort((short)currency(s))
            .putLong(holdTransferId(s)).putLong(currentAmount(s)).putLong(approvalDay(s))
            .putLong(holdExpiry(s)).putLong(originConnectionId(s)).putLong(originCorrelationId(s))
            .putShort(issuerResponseCode(s)).putByte((byte)(isRemote(s) ? 1 : 0))
            .putLong(cardToken(s)).putInt(processingCode(s)).putByte((byte)(isSingleMessage(s) ? 1 : 0));
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
        headSlot = (int)(savedHead % capacity);
        tailSlot = headSlot;
        final MessageKey key = new MessageKey();
        for (long p = savedHead; p < savedTail; p++)
        {
            key.set(reader.getInt(), reader.getInt(), reader.getLong(), reader.getLong(), reader.getInt());
            final byte kind = reader.getByte();
            final int slot = add(key, kind, reader.getShort(), reader.getLong(), reader.getLong(), reader.getInt());
            final int r = slot * ROW;
            code(slot, CODE_STATE, 0xFF, reader.getByte());
            cardIndex(slot, reader.getInt());
            rows[r + DEBIT_ACCOUNT] = reader.getLong();
            rows[r + CREDIT_ACCOUNT] = reader.getLong();
            currencyCode(slot, reader.getShort());
            rows[r + HOLD_TRANSFER_ID] = reader.getLong();
            rows[r + CURRENT_AMOUNT] = reader.getLong();
            rows[r + APPROVAL_DAY] = reader.getLong();
            rows[r + HOLD_EXPIRY] = reader.getLong();
            rows[r + ORIGIN_CONNECTION_ID] = reader.getLong();
            rows[r + ORIGIN_CORRELATION_ID] = reader.getLong();
            issuerResponseCode(slot, reader.getShort());
            code(slot, CODE_REMOTE, 0xFF, reader.getByte() == 1 ? 1 : 0);
            rows[r + CARD_TOKEN] = reader.getLong();
            rows[r + PROCESSING_CODE] = reader.getInt();
            code(slot, CODE_SINGLE, 0xFF, reader.getByte() == 1 ? 1 : 0);
            if (isRemote(slot))
            {
                remoteSlotByAuthorizationId.put(authorizationId(slot), slot);
            }
        }
    }
}

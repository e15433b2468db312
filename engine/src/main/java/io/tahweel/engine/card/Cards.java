package io.tahweel.engine.card;

import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.engine.state.SnapshotWriter;
import io.tahweel.sbe.CardStatus;
import io.tahweel.engine.ledger.RowIndex;

import java.util.function.LongToIntFunction;

/**
 * Cards issued on the switch (hosted issuing): token, account, status, expiry, limits and the
 * running daily usage the limits are checked against. Creation order.
 * <p>
 * Storage: what an authorization reads and writes for a card is one row of {@link #ROW} longs
 * in {@code rows} (one or two cache lines instead of ten arrays), drawn here; fields only
 * snapshots need (BIN, last 4, PAN length) stay in their own arrays. Tokens are indexed by a
 * {@link RowIndex}, which confirms a match against the token in the row.
 * <pre>
 *   long 0  accountId
 *   long 1  issuerId (low 32)            | dailyCountLimit (high 32)
 *   long 2  usageCount (low 32)          | expiry YYMM (bits 32..47) | status (bits 48..55)
 *   long 3  perTransactionLimit
 *   long 4  dailyAmountLimit
 *   long 5  usageDay (low 32: epoch day of the usage below; Integer.MIN_VALUE = none yet)
 *           | accountRow (high 32: the ledger row of accountId, so a decision reads the account
 *           without a random access into the ledger's id index)
 *   long 6  usageAmount
 *   long 7  token (confirms a lookup in the token index)
 * </pre>
 */
public final class Cards
{
    public static final int NOT_FOUND = -1;
    public static final int MIN_PAN_LENGTH = 12;
    public static final int MAX_PAN_LENGTH = 19;
    private static final int SNAPSHOT_MARKER = 0x43415244; // "CARD"

    private static final int ACCOUNT_ID = 0;
    private static final int ISSUER_DAILY_COUNT = 1;
    private static final int USAGE_COUNT_EXPIRY_STATUS = 2;
    private static final int PER_TRANSACTION_LIMIT = 3;
    private static final int DAILY_AMOUNT_LIMIT = 4;
    private static final int USAGE_DAY_ACCOUNT_ROW = 5;
    private static final int USAGE_AMOUNT = 6;
    private static final int TOKEN = 7;
    private static final int ROW = 8;
    private static final int EXPIRY_SHIFT = 32;
    private static final int STATUS_SHIFT = 48;

    /** Usage day "none yet" in the row; {@link Long#MIN_VALUE} outside it (snapshots). */
    private static final int NO_USAGE_DAY = Integer.MIN_VALUE;

    private final int capacity;
    private final LongToIntFunction accountRows;
    private final RowIndex indexByToken;
    private final long[] rows;
    private final int[] bins;
    private final short[] last4s;
    private final byte[] panLengths;
    private int count;

    /** @param accountRows the ledger row of an account id (rows never move), see {@code Ledger.accountRow}. */
    public Cards(final int capacity, final LongToIntFunction accountRows)
    {
        this.capacity = capacity;
        this.accountRows = accountRows;
        rows = new long[RowIndex.ROW_BASE + capacity * ROW];
        indexByToken = new RowIndex(capacity, row -> rows[at(row) + TOKEN]);
        bins = new int[capacity];
        last4s = new short[capacity];
        panLengths = new byte[capacity];
    }

    /** Start of row {@code index} in {@code rows}: rows start on cache lines, see {@link RowIndex#ROW_BASE}. */
    private static int at(final int index)
    {
        return RowIndex.ROW_BASE + index * ROW;
    }

    public int capacity()
    {
        return capacity;
    }

    public boolean isFull()
    {
        return count == capacity;
    }

    /** Index of the card with this token, or {@link #NOT_FOUND}. */
    public int find(final long token)
    {
        return indexByToken.get(token);
    }

    /** Admin path: the caller validated every field. */
    public void issue(
        final long token, final long accountId, final int issuerId, final int bin, final int last4, final int panLength,
        final int expiry, final CardStatus status, final long perTransaction, final int dailyCount, final long dailyAmount)
    {
        final int i = count++;
        bins[i] = bin;
        last4s[i] = (short)last4;
        panLengths[i] = (byte)panLength;
        final int r = at(i);
        rows[r + ACCOUNT_ID] = accountId;
        rows[r + ISSUER_DAILY_COUNT] = (issuerId & 0xFFFF_FFFFL) | ((long)dailyCount << 32);
        rows[r + USAGE_COUNT_EXPIRY_STATUS] = ((expiry & 0xFFFFL) << EXPIRY_SHIFT) |
            ((status.value() & 0xFFL) << STATUS_SHIFT);
        rows[r + PER_TRANSACTION_LIMIT] = perTransaction;
        rows[r + DAILY_AMOUNT_LIMIT] = dailyAmount;
        rows[r + USAGE_DAY_ACCOUNT_ROW] = pack(NO_USAGE_DAY, accountRows.applyAsInt(accountId));
        rows[r + USAGE_AMOUNT] = 0;
        rows[r + TOKEN] = token;
        indexByToken.put(token, i);
    }

    public static boolean isValidCardData(final int bin, final int last4, final int panLength)
    {
        return bin >= 100_000 && bin <= 999_999 && last4 >= 0 && last4 <= 9999 &&
            panLength >= MIN_PAN_LENGTH && panLength <= MAX_PAN_LENGTH;
    }

    public long accountId(final int index)
    {
        return rows[at(index) + ACCOUNT_ID];
    }

    /** The ledger row of the card's account (a hint for the ledger, which checks it). */
    public int accountRow(final int index)
    {
        return (int)(rows[at(index) + USAGE_DAY_ACCOUNT_ROW] >>> 32);
    }

    public int issuerId(final int index)
    {
        return (int)rows[at(index) + ISSUER_DAILY_COUNT];
    }

    public int expiry(final int index)
    {
        return (short)(rows[at(index) + USAGE_COUNT_EXPIRY_STATUS] >>> EXPIRY_SHIFT);
    }

    public byte status(final int index)
    {
        return (byte)(rows[at(index) + USAGE_COUNT_EXPIRY_STATUS] >>> STATUS_SHIFT);
    }

    public void status(final int index, final CardStatus status)
    {
        final int r = at(index) + USAGE_COUNT_EXPIRY_STATUS;
        rows[r] = (rows[r] & ~(0xFFL << STATUS_SHIFT)) | ((status.value() & 0xFFL) << STATUS_SHIFT);
    }

    public long perTransactionLimit(final int index)
    {
        return rows[at(index) + PER_TRANSACTION_LIMIT];
    }

    public void limits(final int index, final long perTransaction, final int dailyCount, final long dailyAmount)
    {
        final int r = at(index);
        rows[r + PER_TRANSACTION_LIMIT] = perTransaction;
        rows[r + ISSUER_DAILY_COUNT] = (rows[r + ISSUER_DAILY_COUNT] & 0xFFFF_FFFFL) | ((long)dailyCount << 32);
        rows[r + DAILY_AMOUNT_LIMIT] = dailyAmount;
    }

    /** True when one more approval of {@code amount} on {@code day} would exceed the daily count. */
    public boolean exceedsDailyCount(final int index, final long day)
    {
        final int used = usageDay(index) == day ? usageCount(index) : 0;
        return used + 1 > dailyCountLimit(index);
    }

    /** True when one more approval of {@code amount} on {@code day} would exceed the daily amount. */
    public boolean exceedsDailyAmount(final int index, final long day, final long amount)
    {
        final long used = usageDay(index) == day ? usageAmount(index) : 0;
        return amount > rows[at(index) + DAILY_AMOUNT_LIMIT] - used;
    }

    /** Counts an approval against the day's limits. */
    public void recordUsage(final int index, final long day, final long amount)
    {
        final int r = at(index);
        if (usageDay(index) != day)
        {
            usageDay(index, day);
            usageCount(index, 0);
            rows[r + USAGE_AMOUNT] = 0;
        }
        usageCount(index, usageCount(index) + 1);
        rows[r + USAGE_AMOUNT] += amount;
    }

    /** Gives back limit usage on a reversal made the same day as the approval. */
    public void releaseUsage(final int index, final long approvalDay, final long amount, final boolean fullReversal)
    {
        final int r = at(index);
        if (usageDay(index) == approvalDay)
        {
            rows[r + USAGE_AMOUNT] = Math.max(0, rows[r + USAGE_AMOUNT] - amount);
            if (fullReversal && usageCount(index) > 0)
            {
                usageCount(index, usageCount(index) - 1);
            }
        }
    }

    private int dailyCountLimit(final int index)
    {
        return (int)(rows[at(index) + ISSUER_DAILY_COUNT] >>> 32);
    }

    /** Epoch day of the usage counted in the row, {@link Long#MIN_VALUE} if none yet. */
    private long usageDay(final int index)
    {
        final int day = (int)rows[at(index) + USAGE_DAY_ACCOUNT_ROW];
        return day == NO_USAGE_DAY ? Long.MIN_VALUE : day;
    }

    /** Epoch days of journal time (nanoseconds in a long) are within ±106,752, so they fit the 32 bits. */
    private void usageDay(final int index, final long day)
    {
        final int r = at(index) + USAGE_DAY_ACCOUNT_ROW;
        final int stored = day == Long.MIN_VALUE ? NO_USAGE_DAY : Math.toIntExact(day);
        rows[r] = (rows[r] & ~0xFFFF_FFFFL) | (stored & 0xFFFF_FFFFL);
    }

    private static long pack(final int low, final int high)
    {
        return (low & 0xFFFF_FFFFL) | ((long)high << 32);
    }

    private long usageAmount(final int index)
    {
        return rows[at(index) + USAGE_AMOUNT];
    }

    private int usageCount(final int index)
    {
        return (int)rows[at(index) + USAGE_COUNT_EXPIRY_STATUS];
    }

    private void usageCount(final int index, final int usageCount)
    {
        final int r = at(index) + USAGE_COUNT_EXPIRY_STATUS;
        rows[r] = (rows[r] & ~0xFFFF_FFFFL) | (usageCount & 0xFFFF_FFFFL);
    }

    public int count()
    {
        return count;
    }

    /** Bytes {@link #writeSnapshot} writes for {@code capacity} cards. */
    public static long maxSnapshotLength(final int capacity)
    {
        final long card = 6 * Long.BYTES + 4 * Integer.BYTES + 2 * Short.BYTES + 2 * Byte.BYTES;
        return Integer.BYTES * 2 + capacity * card;
    }

    public void writeSnapshot(final SnapshotWriter writer)
    {
        writer.putMarker(SNAPSHOT_MARKER).putInt(count);
        for (int i = 0; i < count; i++)
        {
            writeCard(writer, i);
        }
    }

    /**
     * One card of {@link #writeSnapshot}.
     * A method of its own so that the JIT compiles it after a few thousand records of the first snapshot, instead
     * of running the whole loop interpreted until it is compiled on the stack (tens of thousands of records: most of
     * the first checkpoint's stall at production sizes).
     */
    private void writeCard(final SnapshotWriter writer, final int i)
    {
        writer.putLong(rows[at(i) + TOKEN]).putLong(accountId(i)).putInt(issuerId(i)).putInt(bins[i])
            .putShort(last4s[i]).putByte(panLengths[i]).putShort((short)expiry(i)).putByte(status(i))
            .putLong(perTransactionLimit(i)).putInt(dailyCountLimit(i)).putLong(rows[at(i) + DAILY_AMOUNT_LIMIT])
            .putLong(usageDay(i)).putInt(usageCount(i)).putLong(usageAmount(i));
    }

    public void readSnapshot(final SnapshotReader reader)
    {
        reader.expectMarker(SNAPSHOT_MARKER);
        final int n = reader.getInt();
        for (int i = 0; i < n; i++)
        {
            final long token = reader.getLong();
            final long account = reader.getLong();
            final int issuer = reader.getInt();
            final int bin = reader.getInt();
            final int last4 = reader.getShort();
            final int panLength = reader.getByte();
            final int expiry = reader.getShort();
            final CardStatus status = CardStatus.get(reader.getByte());
            issue(token, account, issuer, bin, last4, panLength, expiry, status,
                reader.getLong(), reader.getInt(), reader.getLong());
            usageDay(i, reader.getLong());
            usageCount(i, reader.getInt());
            rows[at(i) + USAGE_AMOUNT] = reader.getLong();
        }
    }
}

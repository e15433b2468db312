package io.tahweel.engine.ledger;

import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.engine.state.SnapshotWriter;
import io.tahweel.sbe.AdminResult;
import io.tahweel.sbe.TransferResult;

/**
 * The in-memory double-entry ledger of the core, after TigerBeetle's model: accounts carry
 * debits and credits, each pending and posted, and every movement of money is a transfer that
 * debits one account and credits another of the same currency by the same amount.
 * <p>
 * <b>Transfers.</b> An immediate transfer posts at once. A pending transfer reserves its amount
 * (debitsPending / creditsPending) until a postPending transfer posts all or part of it (the
 * rest is released), a voidPending transfer releases it, or its timeout passes and
 * {@link #expirePending(long, PendingExpiryListener)} releases it. Each pending transfer is
 * finished at most once. Validation follows {@link TransferResult} order, which is ordered by
 * precedence; any result but {@code OK} and {@code EXISTS} changes nothing.
 * <p>
 * <b>Idempotency window.</b> Transfers are kept in a ring of {@code transferCapacity} slots in
 * creation order, indexed by id. While a transfer is in the ring, creating its id again answers
 * {@code EXISTS} (same request fields) or {@code EXISTS_WITH_DIFFERENT_FIELDS} and changes
 * nothing, so a retry never posts twice. When the ring is full, creating a transfer evicts the
 * oldest one if it is finished (immediate, posted, voided, expired, or itself a post/void); from
 * then on its id is forgotten: it is no longer deduplicated, a post or void naming it answers
 * {@code PENDING_TRANSFER_NOT_FOUND}, and queries answer {@link TransferState#NONE}. If the
 * oldest is still pending the ledger answers {@code LEDGER_FULL} and changes nothing (it never
 * grows); the one exception is a post or void of that very transfer, which finishes it and may
 * therefore take its place. Size the ring so that it covers the longest time a participant may
 * retry, and run expiry at every tick so that old holds do not pin the ring. Requests that were
 * rejected are not remembered: retrying one evaluates it again.
 * <p>
 * <b>Time.</b> The ledger never reads a clock. Timestamps come from journal entries and are
 * non-negative nanoseconds; a pending transfer with {@code timeoutNanos > 0} expires at
 * {@code timestampNanos + timeoutNanos}. A post or void whose timestamp is at or after that
 * instant answers {@code PENDING_TRANSFER_EXPIRED} even before the hold has been released.
 * <p>
 * <b>Result codes the schema does not name exactly.</b> Unknown transfer flag bits answer
 * {@code FLAGS_ARE_MUTUALLY_EXCLUSIVE}; a negative timeout answers
 * {@code TIMEOUT_RESERVED_FOR_PENDING}; a void whose non-zero amount differs from the pending
 * amount answers {@code EXCEEDS_PENDING_AMOUNT}; an expiry time beyond {@code Long.MAX_VALUE}
 * answers {@code OVERFLOW}.
 * <p>
 * <b>Storage.</b> Pre-sized at construction. Accounts are rows of one {@code long[]} (64 bytes
 * each, drawn at the field); transfers are rows of a ring, in creation order. Account ids are
 * looked up in a {@link RowIndex} (8 bytes a bucket, the id confirmed in the row), transfer ids in a
 * {@link TransferIndex} (an ascending run for the core's growing ids, a map for the rest), so
 * the core's transfers touch no random memory in the index. Creating accounts and transfers,
 * queries and expiry allocate nothing. Not thread-safe: the core's single thread owns it.
 * <p>
 * <b>Snapshot layout</b> (little-endian, via {@link SnapshotWriter}), in deterministic order:
 * <pre>
 *   int  SNAPSHOT_MARKER ("LDGR")       int  SNAPSHOT_VERSION
 *   int  ACCOUNTS_MARKER ("ACCT")       int  accountCount
 *   accountCount x, in creation order:
 *     long id      int currency   int flags        long creditLimit  int ownerId  int kind
 *     long debitsPending  long debitsPosted  long creditsPending  long creditsPosted
 *   int  TRANSFERS_MARKER ("XFER")      int  transferCount (ring size)
 *   transferCount x, oldest first (ring order):
 *     long id   long debitAccountId  long creditAccountId  long amount     (as requested)
 *     long pendingId  long timeoutNanos  int currency  int flags  int code  (as requested)
 *     long timestampNanos
 *     long debitAccountId  long creditAccountId  long amount                (as applied)
 *     long expiresAt (0 = never)   byte state (TransferState)   long postedAmount
 *   int  END_MARKER ("LEND")
 * </pre>
 * The ring is written from its oldest slot, so the physical position of the ring's head is not
 * part of the state: a restored ledger starts its ring at slot 0, holds the same transfers in
 * the same order, and writes the same bytes. The expiry heap is rebuilt from the transfers.
 */
public final class Ledger
{
    /** Largest ISO 4217 numeric currency code. */
    public static final int MAX_CURRENCY = 999;
    /** Upper bound on either capacity, so derived sizes (maps, expiry heap) fit an int. */
    public static final int MAX_CAPACITY = 1 << 26;

    /** TransferFlags bits. */
    public static final int FLAG_PENDING = 1;
    public static final int FLAG_POST_PENDING = 1 << 1;
    public static final int FLAG_VOID_PENDING = 1 << 2;
    private static final int TRANSFER_FLAGS_MASK = FLAG_PENDING | FLAG_POST_PENDING | FLAG_VOID_PENDING;

    /** AccountFlags bits. */
    public static final int FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS = 1;
    public static final int FLAG_CREDITS_MUST_NOT_EXCEED_DEBITS = 1 << 1;
    private static final int ACCOUNT_FLAGS_MASK = FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS | FLAG_CREDITS_MUST_NOT_EXCEED_DEBITS;

    static final int SNAPSHOT_MARKER = 0x4C444752;
    static final int SNAPSHOT_VERSION = 1;
    static final int ACCOUNTS_MARKER = 0x41434354;
    static final int TRANSFERS_MARKER = 0x58464552;
    static final int END_MARKER = 0x4C454E44;

    private static final int ID = 0;
    private static final int CURRENCY_FLAGS = 1;
    private static final int CREDIT_LIMIT = 2;
    private static final int OWNER_KIND = 3;
    private static final int DEBITS_PENDING = 4;
    private static final int DEBITS_POSTED = 5;
    private static final int CREDITS_PENDING = 6;
    private static final int CREDITS_POSTED = 7;
    private static final int ACCOUNT_ROW = 8;

    private static final int T_ID = 0;
    private static final int T_REQUEST_DEBIT = 1;
    private static final int T_REQUEST_CREDIT = 2;
    private static final int T_REQUEST_AMOUNT = 3;
    private static final int T_REQUEST_PENDING_ID = 4;
    private static final int T_REQUEST_TIMEOUT = 5;
    private static final int T_TIMESTAMP = 6;
    private static final int T_APPLIED_AMOUNT = 7;
    private static final int T_EXPIRES_AT = 8;
    private static final int T_POSTED_AMOUNT = 9;
    private static final int T_CREATION_NUMBER = 10;
    private static final int T_CURRENCY_FLAGS = 11;
    private static final int T_CODE = 12;
    private static final int T_DEBIT_CREDIT_INDEX = 13;
    private static final int T_STATE = 14;
    /** The owner's reference for a hold ({@link #holder(long, long)}): in memory only, not snapshotted or hashed. */
    private static final int T_HOLDER = 15;
    private static final int TRANSFER_ROW = 16;

    private static final int NOT_FOUND = -1;
    private static final long NO_EXPIRY = 0;
    private static final float LOAD_FACTOR = 0.65f;

    private final int accountCapacity;
    private final RowIndex accountIndexById;
    /**
     * Accounts, one row of {@link #ACCOUNT_ROW} longs each (64 bytes: what a transfer reads and
     * writes of an account is one or two cache lines, not ten arrays):
     * <pre>
     *   long 0 id   long 1 currency (low 32) | flags (high 32)   long 2 creditLimit   long 3 ownerId | kind
     *   long 4 debitsPending   long 5 debitsPosted   long 6 creditsPending   long 7 creditsPosted
     * </pre>
     */
    private final long[] accounts;
    private int accountCount;

    private final int transferCapacity;
    private final TransferIndex transferSlotById;
    /**
     * The transfer ring, one row of {@link #TRANSFER_ROW} longs (128 bytes, two cache lines)
     * per slot, written front to back as the ring advances: one sequential stream instead of
     * seventeen parallel arrays.
     * <pre>
     *   long 0  id                      long 8   expiresAt
     *   long 1  request debitAccountId  long 9   postedAmount
     *   long 2  request creditAccountId long 10  creationNumber
     *   long 3  request amount          long 11  request currency (low 32) | request flags (high 32)
     *   long 4  request pendingId       long 12  request code
     *   long 5  request timeout         long 13  debit account row (low 32) | credit account row (high 32)
     *   long 6  timestamp               long 14  state
     *   long 7  appliedAmount           long 15  holder (the owner's reference, in memory only)
     * </pre>
     */
    private final long[] transfers;
    private long creationCount;
    private int head;
    private int size;

    private final ExpiryQueue expiryQueue;
    private final ExpiryQueue.Liveness liveHold = this::isLiveHold;

    /**
     * @param accountCapacity  most accounts the ledger will hold, 1..{@link #MAX_CAPACITY}.
     * @param transferCapacity size of the transfer ring (the idempotency window), 1..{@link #MAX_CAPACITY}.
     */
    public Ledger(final int accountCapacity, final int transferCapacity)
    {
        checkCapacity("accountCapacity", accountCapacity);
        checkCapacity("transferCapacity", transferCapacity);
        this.accountCapacity = accountCapacity;
        accountIndexById = new RowIndex(accountCapacity, this::idAt);
        accounts = new long[RowIndex.ROW_BASE + accountCapacity * ACCOUNT_ROW];

        this.transferCapacity = transferCapacity;
        transferSlotById = new TransferIndex(transferCapacity, mapCapacity(transferCapacity), LOAD_FACTOR);
        transfers = new long[RowIndex.ROW_BASE + transferCapacity * TRANSFER_ROW];
        // Twice the ring: lazy deletion leaves stale entries, and a full heap is compacted.
        expiryQueue = new ExpiryQueue(2 * transferCapacity);
    }

    // ------------------------------------------------------------------ accounts

    /**
     * Opens an account. Whether the currency is enabled on the switch is the caller's check.
     *
     * @param ownerId opaque to the ledger (the owning participant), stored for the caller.
     * @param kind    opaque to the ledger (AccountKind), stored for the caller.
     */
    public AdminResult createAccount(
        final long accountId, final int currency, final int flags, final long creditLimit, final int ownerId, final int kind)
    {
        if (accountId == 0)
        {
            return AdminResult.INVALID_ID;
        }
        if (currency < 1 || currency > MAX_CURRENCY)
        {
            return AdminResult.INVALID_CURRENCY;
        }
        if ((flags & ~ACCOUNT_FLAGS_MASK) != 0 ||
            flags == ACCOUNT_FLAGS_MASK ||
            (creditLimit != 0 && (flags & FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS) == 0))
        {
            return AdminResult.INVALID_FLAGS;
        }
        if (creditLimit < 0)
        {
            return AdminResult.INVALID_AMOUNT;
        }
        if (accountIndexById.get(accountId) != NOT_FOUND)
        {
            return AdminResult.DUPLICATE_ID;
        }
        if (accountCount == accountCapacity)
        {
            return AdminResult.CAPACITY_EXCEEDED;
        }
        addAccount(accountId, currency, flags, creditLimit, ownerId, kind);
        return AdminResult.OK;
    }

    public boolean accountExists(final long id)
    {
        return accountIndex(id) != NOT_FOUND;
    }

    /**
     * The account's row, or -1 if there is no such account. Rows are never removed or moved, so
     * a caller may keep it (a card keeps its account's) and pass it back as a hint to skip the
     * id index, one random access into a table larger than the caches.
     */
    public int accountRow(final long id)
    {
        return accountIndex(id);
    }

    /** {@link #accountCurrency(long)} through a row from {@link #accountRow(long)}; the id is checked in the row. */
    public int accountCurrency(final long id, final int rowHint)
    {
        final int index = rowOf(id, rowHint);
        return index == NOT_FOUND ? 0 : currencyAt(index);
    }

    /** Currency of the account, 0 if there is no such account. */
    public int accountCurrency(final long id)
    {
        final int index = accountIndex(id);
        return index == NOT_FOUND ? 0 : currencyAt(index);
    }

    /** Balance field of the account; 0 if there is no such account (as for the other balance queries). */
    public long debitsPending(final long id)
    {
        final int index = accountIndex(id);
        return index == NOT_FOUND ? 0 : debitsPendingAt(index);
    }

    public long debitsPosted(final long id)
    {
        final int index = accountIndex(id);
        return index == NOT_FOUND ? 0 : debitsPostedAt(index);
    }

    public long creditsPending(final long id)
    {
        final int index = accountIndex(id);
        return index == NOT_FOUND ? 0 : creditsPendingAt(index);
    }

    public long creditsPosted(final long id)
    {
        final int index = accountIndex(id);
        return index == NOT_FOUND ? 0 : creditsPostedAt(index);
    }

    /** AccountFlags bits, 0 if there is no such account. */
    public int accountFlags(final long id)
    {
        final int index = accountIndex(id);
        return index == NOT_FOUND ? 0 : flagsAt(index);
    }

    public long creditLimit(final long id)
    {
        final int index = accountIndex(id);
        return index == NOT_FOUND ? 0 : limitAt(index);
    }

    public int accountOwner(final long id)
    {
        final int index = accountIndex(id);
        return index == NOT_FOUND ? 0 : ownerAt(index);
    }

    public int accountKind(final long id)
    {
        final int index = accountIndex(id);
        return index == NOT_FOUND ? 0 : kindAt(index);
    }

    public int accountCount()
    {
        return accountCount;
    }

    public int accountCapacity()
    {
        return accountCapacity;
    }

    /** Id of the account created {@code index}-th (0-based), for deterministic iteration. */
    public long accountIdAt(final int index)
    {
        if (index < 0 || index >= accountCount)
        {
            throw new IndexOutOfBoundsException("account index " + index + " of " + accountCount);
        }
        return idAt(index);
    }

    // ------------------------------------------------------------------ transfers

    /**
     * Creates a transfer; see the class comment for the model and the idempotency window.
     *
     * @param debitAccountId  for post/void, 0 inherits the pending transfer's account.
     * @param creditAccountId for post/void, 0 inherits the pending transfer's account.
     * @param amount          positive; for post, 0 posts the full pending amount; for void, 0 or the pending amount.
     * @param currency        ISO 4217 numeric; for post/void, 0 inherits the pending transfer's currency.
     * @param flags           TransferFlags bits: at most one of pending, postPending, voidPending.
     * @param pendingId       the pending transfer to post or void; 0 otherwise.
     * @param timeoutNanos    pending only: the hold expires this long after {@code timestampNanos}; 0 = never.
     * @param code            the caller's reason code, stored and compared on retries.
     * @param timestampNanos  journal time of the entry.
     */
    public TransferResult createTransfer(
        final long id,
        final long debitAccountId,
        final long creditAccountId,
        final long amount,
        final int currency,
        final int flags,
        final long pendingId,
        final long timeoutNanos,
        final int code,
        final long timestampNanos)
    {
        return createTransfer(
            id, debitAccountId, NOT_FOUND, creditAccountId, amount, currency, flags, pendingId, timeoutNanos, code,
            timestampNanos);
    }

    /**
     * {@link #createTransfer(long, long, long, long, int, int, long, long, int, long)} with the
     * debit account's row from {@link #accountRow(long)} as a hint (checked against the id in
     * the row; -1 or a stale row falls back to the index). Same result, one random access fewer.
     */
    public TransferResult createTransfer(
        final long id,
        final long debitAccountId,
        final int debitRowHint,
        final long creditAccountId,
        final long amount,
        final int currency,
        final int flags,
        final long pendingId,
        final long timeoutNanos,
        final int code,
        final long timestampNanos)
    {
        final int existing = transferSlot(id);
        if (existing != NOT_FOUND)
        {
            return isSameRequest(existing, debitAccountId, creditAccountId, amount, currency, flags, pendingId, timeoutNanos, code) ?
                TransferResult.EXISTS : TransferResult.EXISTS_WITH_DIFFERENT_FIELDS;
        }

        final TransferResult invalid = validateRequest(id, debitAccountId, creditAccountId, amount, flags, pendingId, timeoutNanos);
        if (invalid != TransferResult.OK)
        {
            return invalid;
        }

        if ((flags & (FLAG_POST_PENDING | FLAG_VOID_PENDING)) == 0)
        {
            return createImmediateOrPending(
                id, debitAccountId, debitRowHint, creditAccountId, amount, currency, flags, timeoutNanos, code,
                timestampNanos);
        }
        return postOrVoid(id, debitAccountId, creditAccountId, amount, currency, flags, pendingId, code, timestampNanos);
    }

    /**
     * Releases every hold whose expiry time is at or before {@code nowNanos}, in (expiry time,
     * transfer id) order, telling the listener of each.
     *
     * @param listener may be null when nobody needs to know.
     * @return how many holds were released.
     */
    public int expirePending(final long nowNanos, final PendingExpiryListener listener)
    {
        int released = 0;
        while (!expiryQueue.isEmpty() && expiryQueue.peekExpiresAt() <= nowNanos)
        {
            final long id = expiryQueue.peekTransferId();
            final long token = expiryQueue.peekToken();
            expiryQueue.poll();

            final int slot = transferSlot(id);
            if (slot != NOT_FOUND && transferLong(slot, T_CREATION_NUMBER) == token && state(slot) == TransferState.PENDING)
            {
                final long amount = transferLong(slot, T_APPLIED_AMOUNT);
                applyBalances(debitIndex(slot), creditIndex(slot), amount, 0, 0);
                state(slot, (byte)TransferState.PENDING_EXPIRED);
                released++;
                if (listener != null)
                {
                    listener.onExpired(id, amount, transferLong(slot, T_HOLDER));
                }
            }
        }
        return released;
    }

    /**
     * Attaches the owner's reference to a transfer (the card authorizer: its book slot + 1), handed back by
     * {@link PendingExpiryListener#onExpired(long, long, long)} when the hold expires, so the owner needs no index
     * from transfer id to its own record. In memory only: neither snapshotted nor part of the state hash, so an
     * owner restored from a snapshot attaches its references again.
     *
     * @return false when the id is not in the ledger's window.
     */
    public boolean holder(final long transferId, final long holder)
    {
        final int slot = transferSlot(transferId);
        if (slot == NOT_FOUND)
        {
            return false;
        }
        transferLong(slot, T_HOLDER, holder);
        return true;
    }

    /** A {@link TransferState} constant; {@link TransferState#NONE} when the id is not in the window. */
    public int transferState(final long id)
    {
        final int slot = transferSlot(id);
        return slot == NOT_FOUND ? TransferState.NONE : state(slot);
    }

    /**
     * The amount as applied: immediate or pending, the amount; post, the amount posted (the
     * full pending amount when requested as 0); void, the amount released. 0 when unknown.
     */
    public long transferAmount(final long id)
    {
        final int slot = transferSlot(id);
        return slot == NOT_FOUND ? 0 : transferLong(slot, T_APPLIED_AMOUNT);
    }

    /** How much of a pending transfer was posted; 0 if not posted (yet), voided, expired or unknown. */
    public long pendingPostedAmount(final long pendingId)
    {
        final int slot = transferSlot(pendingId);
        return slot == NOT_FOUND ? 0 : transferLong(slot, T_POSTED_AMOUNT);
    }

    /** Debit account as applied (inherited for post/void); 0 when unknown. */
    public long transferDebitAccountId(final long id)
    {
        final int slot = transferSlot(id);
        return slot == NOT_FOUND ? 0 : idAt(debitIndex(slot));
    }

    /** Credit account as applied (inherited for post/void); 0 when unknown. */
    public long transferCreditAccountId(final long id)
    {
        final int slot = transferSlot(id);
        return slot == NOT_FOUND ? 0 : idAt(creditIndex(slot));
    }

    /** Currency as applied (the accounts' currency); 0 when unknown. */
    public int transferCurrency(final long id)
    {
        final int slot = transferSlot(id);
        return slot == NOT_FOUND ? 0 : currencyAt(debitIndex(slot));
    }

    public int transferCode(final long id)
    {
        final int slot = transferSlot(id);
        return slot == NOT_FOUND ? 0 : requestCode(slot);
    }

    /** Journal time at which the transfer was created; 0 when unknown. */
    public long transferTimestamp(final long id)
    {
        final int slot = transferSlot(id);
        return slot == NOT_FOUND ? 0 : transferLong(slot, T_TIMESTAMP);
    }

    /** Expiry time of a pending transfer; 0 when it never expires, is not pending, or is unknown. */
    public long transferExpiresAt(final long id)
    {
        final int slot = transferSlot(id);
        return slot == NOT_FOUND ? 0 : transferLong(slot, T_EXPIRES_AT);
    }

    /** Transfers in the idempotency window. */
    public int transferCount()
    {
        return size;
    }

    public int transferCapacity()
    {
        return transferCapacity;
    }

    /**
     * Whether {@code transfers} more transfers can be created now without {@code LEDGER_FULL}:
     * the ring has that many free slots, or the oldest transfers they would evict are finished.
     * Lets a caller that needs several transfers for one request (void then re-hold) refuse
     * before it changes anything. Conservative: a hold that one of those transfers would
     * finish still counts as pending.
     */
    public boolean hasRoomFor(final int transfers)
    {
        if (transfers > transferCapacity)
        {
            return false;
        }
        final int toEvict = transfers - (transferCapacity - size);
        for (int i = 0; i < toEvict; i++)
        {
            if (state(ringSlot(i)) == TransferState.PENDING)
            {
                return false;
            }
        }
        return true;
    }

    /** Id of the {@code index}-th transfer in the window, 0 being the oldest. */
    public long transferIdAt(final int index)
    {
        if (index < 0 || index >= size)
        {
            throw new IndexOutOfBoundsException("transfer index " + index + " of " + size);
        }
        return transferLong(ringSlot(index), T_ID);
    }

    // ------------------------------------------------------------------ totals and invariants

    /** Sum of debitsPending over accounts of the currency (wraps on overflow, like the others). */
    public long sumDebitsPending(final int currency)
    {
        long sum = 0;
        for (int i = 0; i < accountCount; i++)
        {
            sum += currencyAt(i) == currency ? debitsPendingAt(i) : 0;
        }
        return sum;
    }

    public long sumDebitsPosted(final int currency)
    {
        long sum = 0;
        for (int i = 0; i < accountCount; i++)
        {
            sum += currencyAt(i) == currency ? debitsPostedAt(i) : 0;
        }
        return sum;
    }

    public long sumCreditsPending(final int currency)
    {
        long sum = 0;
        for (int i = 0; i < accountCount; i++)
        {
            sum += currencyAt(i) == currency ? creditsPendingAt(i) : 0;
        }
        return sum;
    }

    public long sumCreditsPosted(final int currency)
    {
        long sum = 0;
        for (int i = 0; i < accountCount; i++)
        {
            sum += currencyAt(i) == currency ? creditsPostedAt(i) : 0;
        }
        return sum;
    }

    /**
     * Checks the ledger's invariants, for tests and the {@code journal verify} tool; allocates.
     *
     * @return a description of the first violated invariant, or null when all hold: per
     * currency debits equal credits (pending and posted); no balance is negative; every account
     * constraint holds; each account's pending balances equal the holds of its pending transfers.
     */
    public String checkInvariants()
    {
        return LedgerInvariants.check(this);
    }

    // ------------------------------------------------------------------ snapshots

    /** Bytes {@link #writeSnapshot} writes for a full ledger of these capacities (the layout above). */
    public static long maxSnapshotLength(final int accountCapacity, final int transferCapacity)
    {
        final long account = 6 * Long.BYTES + 4 * Integer.BYTES;
        final long transfer = 12 * Long.BYTES + 3 * Integer.BYTES + Byte.BYTES;
        return Integer.BYTES * 7 + accountCapacity * account + transferCapacity * transfer;
    }

    /** Writes the whole ledger in the layout drawn in the class comment. */
    public void writeSnapshot(final SnapshotWriter writer)
    {
        writer.putMarker(SNAPSHOT_MARKER).putInt(SNAPSHOT_VERSION);
        writer.putMarker(ACCOUNTS_MARKER).putInt(accountCount);
        for (int i = 0; i < accountCount; i++)
        {
            writeAccount(writer, i);
        }
        writer.putMarker(TRANSFERS_MARKER).putInt(size);
        for (int i = 0; i < size; i++)
        {
            writeTransfer(writer, ringSlot(i));
        }
        writer.putMarker(END_MARKER);
    }

    /**
     * One account, and below one transfer, of {@link #writeSnapshot}.
     * A method of its own so that the JIT compiles it after a few thousand records of the first snapshot, instead
     * of running the whole loop interpreted until it is compiled on the stack (tens of thousands of records: most of
     * the first checkpoint's stall at production sizes).
     */
    private void writeAccount(final SnapshotWriter writer, final int i)
    {
        writer.putLong(idAt(i)).putInt(currencyAt(i)).putInt(flagsAt(i)).putLong(limitAt(i))
            .putInt(ownerAt(i)).putInt(kindAt(i))
            .putLong(debitsPendingAt(i)).putLong(debitsPostedAt(i)).putLong(creditsPendingAt(i)).putLong(creditsPostedAt(i));
    }

    private void writeTransfer(final SnapshotWriter writer, final int slot)
    {
        writer.putLong(transferLong(slot, T_ID))
            .putLong(transferLong(slot, T_REQUEST_DEBIT)).putLong(transferLong(slot, T_REQUEST_CREDIT))
            .putLong(transferLong(slot, T_REQUEST_AMOUNT))
            .putLong(transferLong(slot, T_REQUEST_PENDING_ID)).putLong(transferLong(slot, T_REQUEST_TIMEOUT))
            .putInt(requestCurrency(slot)).putInt(requestFlags(slot)).putInt(requestCode(slot))
            .putLong(transferLong(slot, T_TIMESTAMP))
            .putLong(idAt(debitIndex(slot))).putLong(idAt(creditIndex(slot))).putLong(transferLong(slot, T_APPLIED_AMOUNT))
            .putLong(transferLong(slot, T_EXPIRES_AT)).putByte(state(slot)).putLong(transferLong(slot, T_POSTED_AMOUNT));
    }

    /**
     * Restores what {@link #writeSnapshot(SnapshotWriter)} wrote into this ledger, which must
     * be empty and large enough; rebuilds the id indexes and the expiry heap. Fails loudly
     * (IllegalStateException) on a foreign, truncated or inconsistent snapshot.
     */
    public void readSnapshot(final SnapshotReader reader)
    {
        if (accountCount != 0 || size != 0)
        {
            throw new IllegalStateException("snapshot must be read into an empty ledger");
        }
        reader.expectMarker(SNAPSHOT_MARKER);
        final int version = reader.getInt();
        if (version != SNAPSHOT_VERSION)
        {
            throw new IllegalStateException("unsupported ledger snapshot version " + version);
        }
        reader.expectMarker(ACCOUNTS_MARKER);
        final int accounts = checkCount("accounts", reader.getInt(), accountCapacity);
        for (int i = 0; i < accounts; i++)
        {
            readAccount(reader);
        }
        reader.expectMarker(TRANSFERS_MARKER);
        final int transfers = checkCount("transfers", reader.getInt(), transferCapacity);
        for (int i = 0; i < transfers; i++)
        {
            readTransfer(reader);
        }
        reader.expectMarker(END_MARKER);
    }

    // ------------------------------------------------------------------ package-private views for LedgerInvariants

    int currencyAtIndex(final int index)
    {
        return currencyAt(index);
    }

    int flagsAtIndex(final int index)
    {
        return flagsAt(index);
    }

    long creditLimitAtIndex(final int index)
    {
        return limitAt(index);
    }

    long debitsPendingAtIndex(final int index)
    {
        return debitsPendingAt(index);
    }

    long debitsPostedAtIndex(final int index)
    {
        return debitsPostedAt(index);
    }

    long creditsPendingAtIndex(final int index)
    {
        return creditsPendingAt(index);
    }

    long creditsPostedAtIndex(final int index)
    {
        return creditsPostedAt(index);
    }

    int ringSlot(final int index)
    {
        final int slot = head + index;
        return slot >= transferCapacity ? slot - transferCapacity : slot;
    }

    byte stateAtSlot(final int slot)
    {
        return state(slot);
    }

    long amountAtSlot(final int slot)
    {
        return transferLong(slot, T_APPLIED_AMOUNT);
    }

    int debitIndexAtSlot(final int slot)
    {
        return debitIndex(slot);
    }

    int creditIndexAtSlot(final int slot)
    {
        return creditIndex(slot);
    }

    ExpiryQueue expiryQueue()
    {
        return expiryQueue;
    }

    // ------------------------------------------------------------------ validation

    private TransferResult validateRequest(
        final long id,
        final long debitAccountId,
        final long creditAccountId,
        final long amount,
        final int flags,
        final long pendingId,
        final long timeoutNanos)
    {
        if (id == 0)
        {
            return TransferResult.ID_MUST_NOT_BE_ZERO;
        }
        if ((flags & ~TRANSFER_FLAGS_MASK) != 0 || Integer.bitCount(flags) > 1)
        {
            return TransferResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        final boolean postOrVoid = (flags & (FLAG_POST_PENDING | FLAG_VOID_PENDING)) != 0;
        if (pendingId != 0 && !postOrVoid)
        {
            return TransferResult.PENDING_ID_MUST_BE_ZERO;
        }
        if (pendingId == 0 && postOrVoid)
        {
            return TransferResult.PENDING_ID_REQUIRED;
        }
        if (timeoutNanos < 0 || (timeoutNanos != 0 && (flags & FLAG_PENDING) == 0))
        {
            return TransferResult.TIMEOUT_RESERVED_FOR_PENDING;
        }
        if (amount < 0 || (amount == 0 && !postOrVoid))
        {
            return TransferResult.AMOUNT_MUST_BE_POSITIVE;
        }
        if (debitAccountId != 0 && debitAccountId == creditAccountId)
        {
            return TransferResult.ACCOUNTS_MUST_BE_DIFFERENT;
        }
        return TransferResult.OK;
    }

    private TransferResult createImmediateOrPending(
        final long id,
        final long debitAccountId,
        final int debitRowHint,
        final long creditAccountId,
        final long amount,
        final int currency,
        final int flags,
        final long timeoutNanos,
        final int code,
        final long timestampNanos)
    {
        final int di = rowOf(debitAccountId, debitRowHint);
        if (di == NOT_FOUND)
        {
            return TransferResult.DEBIT_ACCOUNT_NOT_FOUND;
        }
        final int ci = accountIndex(creditAccountId);
        if (ci == NOT_FOUND)
        {
            return TransferResult.CREDIT_ACCOUNT_NOT_FOUND;
        }
        if (currency != currencyAt(di) || currency != currencyAt(ci))
        {
            return TransferResult.CURRENCY_MISMATCH;
        }

        final boolean pending = (flags & FLAG_PENDING) != 0;
        final long addPending = pending ? amount : 0;
        final long addPosted = pending ? 0 : amount;
        final TransferResult balances = checkBalances(di, ci, 0, addPending, addPosted);
        if (balances != TransferResult.OK)
        {
            return balances;
        }
        long expiry = NO_EXPIRY;
        if (timeoutNanos > 0)
        {
            if (timestampNanos > Long.MAX_VALUE - timeoutNanos)
            {
                return TransferResult.OVERFLOW;
            }
            expiry = timestampNanos + timeoutNanos;
        }
        if (!canTakeSlot(NOT_FOUND))
        {
            return TransferResult.LEDGER_FULL;
        }

        applyBalances(di, ci, 0, addPending, addPosted);
        final int slot = takeSlot(id);
        storeRequest(slot, debitAccountId, creditAccountId, amount, currency, flags, 0, timeoutNanos, code, timestampNanos);
        storeApplied(slot, di, ci, amount, expiry, pending ? TransferState.PENDING : TransferState.POSTED);
        if (expiry != NO_EXPIRY)
        {
            scheduleExpiry(expiry, id, transferLong(slot, T_CREATION_NUMBER));
        }
        return TransferResult.OK;
    }

    private TransferResult postOrVoid(
        final long id,
        final long debitAccountId,
        final long creditAccountId,
        final long amount,
        final int currency,
        final int flags,
        final long pendingId,
        final int code,
        final long timestampNanos)
    {
        final int p = transferSlot(pendingId);
        final TransferResult accounts = checkPostOrVoidAccounts(p, debitAccountId, creditAccountId, currency);
        if (accounts != TransferResult.OK)
        {
            return accounts;
        }
        final TransferResult target = checkPendingTarget(p, timestampNanos);
        if (target != TransferResult.OK)
        {
            return target;
        }
        final int di = debitIndex(p);
        final int ci = creditIndex(p);
        if ((debitAccountId != 0 && debitAccountId != idAt(di)) ||
            (creditAccountId != 0 && creditAccountId != idAt(ci)))
        {
            return TransferResult.PENDING_TRANSFER_HAS_DIFFERENT_ACCOUNTS;
        }
        final long pendingAmount = transferLong(p, T_APPLIED_AMOUNT);
        final boolean post = (flags & FLAG_POST_PENDING) != 0;
        if (amount > pendingAmount || (!post && amount != 0 && amount != pendingAmount))
        {
            return TransferResult.EXCEEDS_PENDING_AMOUNT;
        }
        final long posted = post ? (amount == 0 ? pendingAmount : amount) : 0;
        final TransferResult balances = checkBalances(di, ci, pendingAmount, 0, posted);
        if (balances != TransferResult.OK)
        {
            return balances;
        }
        if (!canTakeSlot(p))
        {
            return TransferResult.LEDGER_FULL;
        }

        applyBalances(di, ci, pendingAmount, 0, posted);
        state(p, (byte)(post ? TransferState.PENDING_POSTED : TransferState.PENDING_VOIDED));
        transferLong(p, T_POSTED_AMOUNT, posted);
        final int slot = takeSlot(id);
        storeRequest(slot, debitAccountId, creditAccountId, amount, currency, flags, pendingId, 0, code, timestampNanos);
        storeApplied(
            slot, di, ci, post ? posted : pendingAmount, NO_EXPIRY,
            post ? TransferState.POST_OF_PENDING : TransferState.VOID_OF_PENDING);
        return TransferResult.OK;
    }

    /**
     * Accounts and currency of a post/void, each as given or else inherited from the pending
     * transfer (when it is known), must exist and agree on one currency.
     */
    private TransferResult checkPostOrVoidAccounts(
        final int p, final long debitAccountId, final long creditAccountId, final int currency)
    {
        int di = p == NOT_FOUND ? NOT_FOUND : debitIndex(p);
        if (debitAccountId != 0)
        {
            di = accountIndex(debitAccountId);
            if (di == NOT_FOUND)
            {
                return TransferResult.DEBIT_ACCOUNT_NOT_FOUND;
            }
        }
        int ci = p == NOT_FOUND ? NOT_FOUND : creditIndex(p);
        if (creditAccountId != 0)
        {
            ci = accountIndex(creditAccountId);
            if (ci == NOT_FOUND)
            {
                return TransferResult.CREDIT_ACCOUNT_NOT_FOUND;
            }
        }
        final int effectiveCurrency = currency != 0 ? currency : (p == NOT_FOUND ? 0 : currencyAt(debitIndex(p)));
        if ((di != NOT_FOUND && ci != NOT_FOUND && currencyAt(di) != currencyAt(ci)) ||
            (effectiveCurrency != 0 && di != NOT_FOUND && currencyAt(di) != effectiveCurrency) ||
            (effectiveCurrency != 0 && ci != NOT_FOUND && currencyAt(ci) != effectiveCurrency))
        {
            return TransferResult.CURRENCY_MISMATCH;
        }
        return TransferResult.OK;
    }

    private TransferResult checkPendingTarget(final int p, final long timestampNanos)
    {
        if (p == NOT_FOUND)
        {
            return TransferResult.PENDING_TRANSFER_NOT_FOUND;
        }
        if ((requestFlags(p) & FLAG_PENDING) == 0)
        {
            return TransferResult.PENDING_TRANSFER_NOT_PENDING;
        }
        switch (state(p))
        {
            case TransferState.PENDING_POSTED:
                return TransferResult.PENDING_TRANSFER_ALREADY_POSTED;
            case TransferState.PENDING_VOIDED:
                return TransferResult.PENDING_TRANSFER_ALREADY_VOIDED;
            case TransferState.PENDING_EXPIRED:
                return TransferResult.PENDING_TRANSFER_EXPIRED;
            default:
                break;
        }
        if (transferLong(p, T_EXPIRES_AT) != NO_EXPIRY && transferLong(p, T_EXPIRES_AT) <= timestampNanos)
        {
            return TransferResult.PENDING_TRANSFER_EXPIRED;
        }
        return TransferResult.OK;
    }

    /**
     * Checks the balances after releasing {@code release} from pending and adding
     * {@code addPending} to pending or {@code addPosted} to posted, on both sides (at most one
     * of the two additions is non-zero). Sums are exact (65-bit), so a constraint is judged
     * correctly even where a balance would overflow, which is then reported as OVERFLOW.
     */
    private TransferResult checkBalances(
        final int di, final int ci, final long release, final long addPending, final long addPosted)
    {
        final long add = addPending + addPosted;
        final long debitSidePending = debitsPendingAt(di) - release;
        final long creditSidePending = creditsPendingAt(ci) - release;
        if ((flagsAt(di) & FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS) != 0 &&
            sumExceeds(debitSidePending, debitsPostedAt(di), add, creditsPostedAt(di), limitAt(di)))
        {
            return TransferResult.EXCEEDS_CREDITS;
        }
        if ((flagsAt(ci) & FLAG_CREDITS_MUST_NOT_EXCEED_DEBITS) != 0 &&
            sumExceeds(creditSidePending, creditsPostedAt(ci), add, debitsPostedAt(ci), 0))
        {
            return TransferResult.EXCEEDS_DEBITS;
        }
        if (sumExceeds(debitSidePending, debitsPostedAt(di), add, Long.MAX_VALUE, 0) ||
            sumExceeds(creditSidePending, creditsPostedAt(ci), add, Long.MAX_VALUE, 0))
        {
            return TransferResult.OVERFLOW;
        }
        return TransferResult.OK;
    }

    /** Whether {@code x + y + z > d + e} exactly, for non-negative arguments. */
    static boolean sumExceeds(final long x, final long y, final long z, final long d, final long e)
    {
        final long xy = x + y;
        final long xyz = xy + z;
        if (Long.compareUnsigned(xyz, xy) < 0)
        {
            return true;
        }
        return Long.compareUnsigned(xyz, d + e) > 0;
    }

    // ------------------------------------------------------------------ mutation

    private void applyBalances(final int di, final int ci, final long release, final long addPending, final long addPosted)
    {
        final int d = rowAt(di);
        final int c = rowAt(ci);
        accounts[d + DEBITS_PENDING] += addPending - release;
        accounts[d + DEBITS_POSTED] += addPosted;
        accounts[c + CREDITS_PENDING] += addPending - release;
        accounts[c + CREDITS_POSTED] += addPosted;
    }

    /** Whether a new transfer fits, counting {@code finishingSlot} (about to be finished) as evictable. */
    private boolean canTakeSlot(final int finishingSlot)
    {
        return size < transferCapacity || state(head) != TransferState.PENDING || head == finishingSlot;
    }

    /** Evicts the oldest (finished) transfer if the ring is full, then claims the next slot for {@code id}. */
    private int takeSlot(final long id)
    {
        if (size == transferCapacity)
        {
            transferSlotById.removeOldest(transferLong(head, T_ID));
            head = head + 1 == transferCapacity ? 0 : head + 1;
            size--;
        }
        final int slot = ringSlot(size);
        size++;
        transferLong(slot, T_ID, id);
        transferLong(slot, T_CREATION_NUMBER, ++creationCount);
        transferLong(slot, T_HOLDER, 0);
        transferSlotById.put(id, slot);
        return slot;
    }

    private void storeRequest(
        final int slot,
        final long debitAccountId,
        final long creditAccountId,
        final long amount,
        final int currency,
        final int flags,
        final long pendingId,
        final long timeoutNanos,
        final int code,
        final long timestampNanos)
    {
        final long[] transfers = this.transfers;
        final int r = transferAt(slot);
        transfers[r + T_REQUEST_DEBIT] = debitAccountId;
        transfers[r + T_REQUEST_CREDIT] = creditAccountId;
        transfers[r + T_REQUEST_AMOUNT] = amount;
        transfers[r + T_REQUEST_PENDING_ID] = pendingId;
        transfers[r + T_REQUEST_TIMEOUT] = timeoutNanos;
        transfers[r + T_TIMESTAMP] = timestampNanos;
        transfers[r + T_CURRENCY_FLAGS] = (currency & 0xFFFF_FFFFL) | ((long)flags << 32);
        transfers[r + T_CODE] = code;
    }

    private void storeApplied(final int slot, final int di, final int ci, final long amount, final long expiry, final int newState)
    {
        final long[] transfers = this.transfers;
        final int r = transferAt(slot);
        transfers[r + T_APPLIED_AMOUNT] = amount;
        transfers[r + T_EXPIRES_AT] = expiry;
        transfers[r + T_POSTED_AMOUNT] = 0;
        transfers[r + T_DEBIT_CREDIT_INDEX] = (di & 0xFFFF_FFFFL) | ((long)ci << 32);
        transfers[r + T_STATE] = (byte)newState;
    }

    private boolean isSameRequest(
        final int slot,
        final long debitAccountId,
        final long creditAccountId,
        final long amount,
        final int currency,
        final int flags,
        final long pendingId,
        final long timeoutNanos,
        final int code)
    {
        return transferLong(slot, T_REQUEST_DEBIT) == debitAccountId &&
            transferLong(slot, T_REQUEST_CREDIT) == creditAccountId &&
            transferLong(slot, T_REQUEST_AMOUNT) == amount &&
            requestCurrency(slot) == currency &&
            requestFlags(slot) == flags &&
            transferLong(slot, T_REQUEST_PENDING_ID) == pendingId &&
            transferLong(slot, T_REQUEST_TIMEOUT) == timeoutNanos &&
            requestCode(slot) == code;
    }

    private void scheduleExpiry(final long expiry, final long id, final long token)
    {
        if (expiryQueue.isFull())
        {
            expiryQueue.retainLive(liveHold);
        }
        if (!expiryQueue.offer(expiry, id, token))
        {
            throw new IllegalStateException("expiry queue full with live holds: " + expiryQueue.size());
        }
    }

    private boolean isLiveHold(final long expiry, final long id, final long token)
    {
        final int slot = transferSlot(id);
        return slot != NOT_FOUND && transferLong(slot, T_CREATION_NUMBER) == token && state(slot) == TransferState.PENDING;
    }

    private void addAccount(
        final long id, final int currency, final int flags, final long limit, final int ownerId, final int kind)
    {
        final int index = accountCount++;
        final int a = rowAt(index);
        accounts[a + ID] = id;
        accounts[a + CURRENCY_FLAGS] = (currency & 0xFFFF_FFFFL) | ((long)flags << 32);
        accounts[a + CREDIT_LIMIT] = limit;
        accounts[a + OWNER_KIND] = (ownerId & 0xFFFF_FFFFL) | ((long)kind << 32);
        accounts[a + DEBITS_PENDING] = 0;
        accounts[a + DEBITS_POSTED] = 0;
        accounts[a + CREDITS_PENDING] = 0;
        accounts[a + CREDITS_POSTED] = 0;
        accountIndexById.put(id, index);
    }

    private int accountIndex(final long id)
    {
        return accountIndexById.get(id);
    }

    /** The row of account {@code id}: {@code rowHint} when it holds that id, else from the index. */
    private int rowOf(final long id, final int rowHint)
    {
        return rowHint >= 0 && rowHint < accountCount && idAt(rowHint) == id ? rowHint : accountIndex(id);
    }

    private int transferSlot(final long id)
    {
        return transferSlotById.get(id);
    }

    // ------------------------------------------------------------------ account rows

    /** Start of account row {@code index} in {@code accounts}: on a cache line, see {@link RowIndex#ROW_BASE}. */
    private static int rowAt(final int index)
    {
        return RowIndex.ROW_BASE + index * ACCOUNT_ROW;
    }

    private long idAt(final int index)
    {
        return accounts[rowAt(index) + ID];
    }

    private int currencyAt(final int index)
    {
        return (int)accounts[rowAt(index) + CURRENCY_FLAGS];
    }

    private int flagsAt(final int index)
    {
        return (int)(accounts[rowAt(index) + CURRENCY_FLAGS] >>> 32);
    }

    private long limitAt(final int index)
    {
        return accounts[rowAt(index) + CREDIT_LIMIT];
    }

    private int ownerAt(final int index)
    {
        return (int)accounts[rowAt(index) + OWNER_KIND];
    }

    private int kindAt(final int index)
    {
        return (int)(accounts[rowAt(index) + OWNER_KIND] >>> 32);
    }

    private long debitsPendingAt(final int index)
    {
        return accounts[rowAt(index) + DEBITS_PENDING];
    }

    private long debitsPostedAt(final int index)
    {
        return accounts[rowAt(index) + DEBITS_POSTED];
    }

    private long creditsPendingAt(final int index)
    {
        return accounts[rowAt(index) + CREDITS_PENDING];
    }

    private long creditsPostedAt(final int index)
    {
        return accounts[rowAt(index) + CREDITS_POSTED];
    }

    // ------------------------------------------------------------------ snapshot reading

    private void readAccount(final SnapshotReader reader)
    {
        final long id = reader.getLong();
        final int currency = reader.getInt();
        final int flags = reader.getInt();
        final long limit = reader.getLong();
        final int ownerId = reader.getInt();
        final int kind = reader.getInt();
        if (id == 0 || accountIndexById.get(id) != NOT_FOUND)
        {
            throw new IllegalStateException("snapshot account id zero or duplicated: " + id);
        }
        addAccount(id, currency, flags, limit, ownerId, kind);
        final int index = accountCount - 1;
        final int a = rowAt(index);
        accounts[a + DEBITS_PENDING] = reader.getLong();
        accounts[a + DEBITS_POSTED] = reader.getLong();
        accounts[a + CREDITS_PENDING] = reader.getLong();
        accounts[a + CREDITS_POSTED] = reader.getLong();
    }

    private void readTransfer(final SnapshotReader reader)
    {
        final long id = reader.getLong();
        if (id == 0 || transferSlotById.get(id) != NOT_FOUND)
        {
            throw new IllegalStateException("snapshot transfer id zero or duplicated: " + id);
        }
        final long debitAccountId = reader.getLong();
        final long creditAccountId = reader.getLong();
        final long requestedAmount = reader.getLong();
        final long pendingId = reader.getLong();
        final long timeoutNanos = reader.getLong();
        final int currency = reader.getInt();
        final int flags = reader.getInt();
        final int code = reader.getInt();
        final long timestampNanos = reader.getLong();
        final int slot = takeSlot(id);
        storeRequest(
            slot, debitAccountId, creditAccountId, requestedAmount, currency, flags, pendingId, timeoutNanos, code, timestampNanos);
        final int di = snapshotAccountIndex(reader.getLong());
        final int ci = snapshotAccountIndex(reader.getLong());
        final long amount = reader.getLong();
        final long expiry = reader.getLong();
        final byte transferState = reader.getByte();
        if (transferState <= TransferState.NONE || transferState > TransferState.VOID_OF_PENDING)
        {
            throw new IllegalStateException("snapshot transfer " + id + " has invalid state " + transferState);
        }
        storeApplied(slot, di, ci, amount, expiry, transferState);
        transferLong(slot, T_POSTED_AMOUNT, reader.getLong());
        if (transferState == TransferState.PENDING && expiry != NO_EXPIRY)
        {
            scheduleExpiry(expiry, id, transferLong(slot, T_CREATION_NUMBER));
        }
    }

    private int snapshotAccountIndex(final long id)
    {
        final int index = accountIndex(id);
        if (index == NOT_FOUND)
        {
            throw new IllegalStateException("snapshot transfer names unknown account " + id);
        }
        return index;
    }

    private static int checkCount(final String what, final int count, final int capacity)
    {
        if (count < 0 || count > capacity)
        {
            throw new IllegalStateException("snapshot holds " + count + " " + what + ", capacity is " + capacity);
        }
        return count;
    }

    private static void checkCapacity(final String name, final int capacity)
    {
        if (capacity < 1 || capacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException(name + " must be in 1.." + MAX_CAPACITY + ": " + capacity);
        }
    }

    private static int mapCapacity(final int entries)
    {
        return (int)Math.ceil(entries / (double)LOAD_FACTOR) + 1;
    }

    // ------------------------------------------------------------------ transfer rows

    /** Start of the row of ring slot {@code slot} in {@code transfers}. */
    private static int transferAt(final int slot)
    {
        return RowIndex.ROW_BASE + slot * TRANSFER_ROW;
    }

    /** A whole-long field ({@code T_*}) of the transfer in ring slot {@code slot}. */
    private long transferLong(final int slot, final int field)
    {
        return transfers[transferAt(slot) + field];
    }

    private void transferLong(final int slot, final int field, final long value)
    {
        transfers[transferAt(slot) + field] = value;
    }

    private int requestCurrency(final int slot)
    {
        return (int)transfers[transferAt(slot) + T_CURRENCY_FLAGS];
    }

    private int debitIndex(final int slot)
    {
        return (int)transfers[transferAt(slot) + T_DEBIT_CREDIT_INDEX];
    }

    private int requestFlags(final int slot)
    {
        return (int)(transfers[transferAt(slot) + T_CURRENCY_FLAGS] >>> 32);
    }

    private int creditIndex(final int slot)
    {
        return (int)(transfers[transferAt(slot) + T_DEBIT_CREDIT_INDEX] >>> 32);
    }

    private int requestCode(final int slot)
    {
        return (int)transfers[transferAt(slot) + T_CODE];
    }

    private byte state(final int slot)
    {
        return (byte)transfers[transferAt(slot) + T_STATE];
    }

    private void state(final int slot, final byte value)
    {
        transfers[transferAt(slot) + T_STATE] = value;
    }
}

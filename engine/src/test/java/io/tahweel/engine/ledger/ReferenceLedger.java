package io.tahweel.engine.ledger;

import io.tahweel.sbe.AdminResult;
import io.tahweel.sbe.TransferResult;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.tahweel.engine.ledger.Ledger.FLAG_CREDITS_MUST_NOT_EXCEED_DEBITS;
import static io.tahweel.engine.ledger.Ledger.FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS;
import static io.tahweel.engine.ledger.Ledger.FLAG_PENDING;
import static io.tahweel.engine.ledger.Ledger.FLAG_POST_PENDING;
import static io.tahweel.engine.ledger.Ledger.FLAG_VOID_PENDING;

/**
 * The auditor: the ledger's rules written the slow, obvious way (objects, boxed maps, a deque
 * for the window, BigInteger balances, expiry by sorting) to compare the real ledger against.
 */
final class ReferenceLedger
{
    static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    static final class Account
    {
        final long id;
        final int currency;
        final int flags;
        final BigInteger limit;
        BigInteger debitsPending = BigInteger.ZERO;
        BigInteger debitsPosted = BigInteger.ZERO;
        BigInteger creditsPending = BigInteger.ZERO;
        BigInteger creditsPosted = BigInteger.ZERO;

        Account(final long id, final int currency, final int flags, final long limit)
        {
            this.id = id;
            this.currency = currency;
            this.flags = flags;
            this.limit = BigInteger.valueOf(limit);
        }
    }

    static final class Transfer
    {
        final List<Object> request;
        final long id;
        final int flags;
        Account debit;
        Account credit;
        long amount;
        long expiresAt;
        int state;
        long posted;
        int finishedBy;

        Transfer(final long id, final int flags, final List<Object> request)
        {
            this.id = id;
            this.flags = flags;
            this.request = request;
        }
    }

    private final int accountCapacity;
    private final int transferCapacity;
    private final Map<Long, Account> accounts = new LinkedHashMap<>();
    private final ArrayDeque<Transfer> window = new ArrayDeque<>();
    private final Map<Long, Transfer> byId = new HashMap<>();

    ReferenceLedger(final int accountCapacity, final int transferCapacity)
    {
        this.accountCapacity = accountCapacity;
        this.transferCapacity = transferCapacity;
    }

    Iterable<Account> accounts()
    {
        return accounts.values();
    }

    Iterable<Transfer> window()
    {
        return window;
    }

    AdminResult createAccount(final long id, final int currency, final int flags, final long limit)
    {
        if (id == 0)
        {
            return AdminResult.INVALID_ID;
        }
        if (currency < 1 || currency > 999)
        {
            return AdminResult.INVALID_CURRENCY;
        }
        final boolean dmnec = (flags & FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS) != 0;
        final boolean cmned = (flags & FLAG_CREDITS_MUST_NOT_EXCEED_DEBITS) != 0;
        if (flags > 3 || flags < 0 || (dmnec && cmned) || (limit != 0 && !dmnec))
        {
            return AdminResult.INVALID_FLAGS;
        }
        if (limit < 0)
        {
            return AdminResult.INVALID_AMOUNT;
        }
        if (accounts.containsKey(id))
        {
            return AdminResult.DUPLICATE_ID;
        }
        if (accounts.size() == accountCapacity)
        {
            return AdminResult.CAPACITY_EXCEEDED;
        }
        accounts.put(id, new Account(id, currency, flags, limit));
        return AdminResult.OK;
    }

    TransferResult createTransfer(
        final long id, final long debit, final long credit, final long amount, final int currency, final int flags,
        final long pendingId, final long timeout, final int code, final long now)
    {
        final List<Object> request = List.of(debit, credit, amount, currency, flags, pendingId, timeout, code);
        final Transfer existing = byId.get(id);
        if (existing != null)
        {
            return existing.request.equals(request) ? TransferResult.EXISTS : TransferResult.EXISTS_WITH_DIFFERENT_FIELDS;
        }
        final boolean pending = flags == FLAG_PENDING;
        final boolean post = flags == FLAG_POST_PENDING;
        final boolean isVoid = flags == FLAG_VOID_PENDING;
        final boolean postOrVoid = post || isVoid;
        if (id == 0)
        {
            return TransferResult.ID_MUST_NOT_BE_ZERO;
        }
        if (flags != 0 && !pending && !postOrVoid)
        {
            return TransferResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        if (pendingId != 0 && !postOrVoid)
        {
            return TransferResult.PENDING_ID_MUST_BE_ZERO;
        }
        if (pendingId == 0 && postOrVoid)
        {
            return TransferResult.PENDING_ID_REQUIRED;
        }
        if (timeout < 0 || (timeout != 0 && !pending))
        {
            return TransferResult.TIMEOUT_RESERVED_FOR_PENDING;
        }
        if (amount < 0 || (amount == 0 && !postOrVoid))
        {
            return TransferResult.AMOUNT_MUST_BE_POSITIVE;
        }
        if (debit != 0 && debit == credit)
        {
            return TransferResult.ACCOUNTS_MUST_BE_DIFFERENT;
        }
        final Transfer target = postOrVoid ? byId.get(pendingId) : null;
        final Account d = debit != 0 || !postOrVoid ? accounts.get(debit) : target == null ? null : target.debit;
        if ((debit != 0 || !postOrVoid) && d == null)
        {
            return TransferResult.DEBIT_ACCOUNT_NOT_FOUND;
        }
        final Account c = credit != 0 || !postOrVoid ? accounts.get(credit) : target == null ? null : target.credit;
        if ((credit != 0 || !postOrVoid) && c == null)
        {
            return TransferResult.CREDIT_ACCOUNT_NOT_FOUND;
        }
        final int expectedCurrency = currency != 0 || !postOrVoid ? currency : target == null ? 0 : target.debit.currency;
        if ((d != null && c != null && d.currency != c.currency) ||
            (expectedCurrency != 0 && d != null && d.currency != expectedCurrency) ||
            (expectedCurrency != 0 && c != null && c.currency != expectedCurrency) ||
            (!postOrVoid && expectedCurrency == 0))
        {
            return TransferResult.CURRENCY_MISMATCH;
        }
        if (!postOrVoid)
        {
            return createNew(id, flags, request, d, c, amount, timeout, now);
        }
        return finish(id, flags, request, target, debit, credit, amount, now);
    }

    private TransferResult createNew(
        final long id, final int flags, final List<Object> request, final Account d, final Account c, final long amount,
        final long timeout, final long now)
    {
        final boolean pending = flags == FLAG_PENDING;
        final TransferResult balances = checkBalances(d, c, 0, pending ? amount : 0, pending ? 0 : amount);
        if (balances != TransferResult.OK)
        {
            return balances;
        }
        if (timeout > 0 && BigInteger.valueOf(now).add(BigInteger.valueOf(timeout)).compareTo(MAX) > 0)
        {
            return TransferResult.OVERFLOW;
        }
        if (isFull(null))
        {
            return TransferResult.LEDGER_FULL;
        }
        apply(d, c, 0, pending ? amount : 0, pending ? 0 : amount);
        final Transfer t = new Transfer(id, flags, request);
        t.debit = d;
        t.credit = c;
        t.amount = amount;
        t.expiresAt = timeout > 0 ? now + timeout : 0;
        t.state = pending ? TransferState.PENDING : TransferState.POSTED;
        add(t);
        return TransferResult.OK;
    }

    private TransferResult finish(
        final long id, final int flags, final List<Object> request, final Transfer target, final long debit,
        final long credit, final long amount, final long now)
    {
        if (target == null)
        {
            return TransferResult.PENDING_TRANSFER_NOT_FOUND;
        }
        if (target.flags != FLAG_PENDING)
        {
            return TransferResult.PENDING_TRANSFER_NOT_PENDING;
        }
        if (target.state == TransferState.PENDING_POSTED)
        {
            return TransferResult.PENDING_TRANSFER_ALREADY_POSTED;
        }
        if (target.state == TransferState.PENDING_VOIDED)
        {
            return TransferResult.PENDING_TRANSFER_ALREADY_VOIDED;
        }
        if (target.state == TransferState.PENDING_EXPIRED || (target.expiresAt != 0 && target.expiresAt <= now))
        {
            return TransferResult.PENDING_TRANSFER_EXPIRED;
        }
        if ((debit != 0 && debit != target.debit.id) || (credit != 0 && credit != target.credit.id))
        {
            return TransferResult.PENDING_TRANSFER_HAS_DIFFERENT_ACCOUNTS;
        }
        final boolean post = flags == FLAG_POST_PENDING;
        if (amount > target.amount || (!post && amount != 0 && amount != target.amount))
        {
            return TransferResult.EXCEEDS_PENDING_AMOUNT;
        }
        final long posted = post ? (amount == 0 ? target.amount : amount) : 0;
        final TransferResult balances = checkBalances(target.debit, target.credit, target.amount, 0, posted);
        if (balances != TransferResult.OK)
        {
            return balances;
        }
        if (isFull(target))
        {
            return TransferResult.LEDGER_FULL;
        }
        apply(target.debit, target.credit, target.amount, 0, posted);
        target.state = post ? TransferState.PENDING_POSTED : TransferState.PENDING_VOIDED;
        target.posted = posted;
        target.finishedBy++;
        final Transfer t = new Transfer(id, flags, request);
        t.debit = target.debit;
        t.credit = target.credit;
        t.amount = post ? posted : target.amount;
        t.state = post ? TransferState.POST_OF_PENDING : TransferState.VOID_OF_PENDING;
        add(t);
        return TransferResult.OK;
    }

    /** Releases due holds in (expiry, id) order; returns "id:amount" for each. */
    List<String> expire(final long now)
    {
        final List<Transfer> due = new ArrayList<>();
        for (final Transfer t : window)
        {
            if (t.state == TransferState.PENDING && t.expiresAt != 0 && t.expiresAt <= now)
            {
                due.add(t);
            }
        }
        due.sort(Comparator.<Transfer>comparingLong(t -> t.expiresAt).thenComparingLong(t -> t.id));
        final List<String> out = new ArrayList<>();
        for (final Transfer t : due)
        {
            apply(t.debit, t.credit, t.amount, 0, 0);
            t.state = TransferState.PENDING_EXPIRED;
            t.finishedBy++;
            out.add(t.id + ":" + t.amount);
        }
        return out;
    }

    Transfer transfer(final long id)
    {
        return byId.get(id);
    }

    private TransferResult checkBalances(
        final Account d, final Account c, final long release, final long addPending, final long addPosted)
    {
        final BigInteger debits = d.debitsPending.subtract(BigInteger.valueOf(release))
            .add(BigInteger.valueOf(addPending)).add(d.debitsPosted).add(BigInteger.valueOf(addPosted));
        final BigInteger credits = c.creditsPending.subtract(BigInteger.valueOf(release))
            .add(BigInteger.valueOf(addPending)).add(c.creditsPosted).add(BigInteger.valueOf(addPosted));
        if ((d.flags & FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS) != 0 && debits.compareTo(d.creditsPosted.add(d.limit)) > 0)
        {
            return TransferResult.EXCEEDS_CREDITS;
        }
        if ((c.flags & FLAG_CREDITS_MUST_NOT_EXCEED_DEBITS) != 0 && credits.compareTo(c.debitsPosted) > 0)
        {
            return TransferResult.EXCEEDS_DEBITS;
        }
        if (debits.compareTo(MAX) > 0 || credits.compareTo(MAX) > 0)
        {
            return TransferResult.OVERFLOW;
        }
        return TransferResult.OK;
    }

    private static void apply(
        final Account d, final Account c, final long release, final long addPending, final long addPosted)
    {
        final BigInteger pendingDelta = BigInteger.valueOf(addPending - release);
        d.debitsPending = d.debitsPending.add(pendingDelta);
        d.debitsPosted = d.debitsPosted.add(BigInteger.valueOf(addPosted));
        c.creditsPending = c.creditsPending.add(pendingDelta);
        c.creditsPosted = c.creditsPosted.add(BigInteger.valueOf(addPosted));
    }

    private boolean isFull(final Transfer finishing)
    {
        return window.size() == transferCapacity &&
            window.peekFirst().state == TransferState.PENDING &&
            window.peekFirst() != finishing;
    }

    private void add(final Transfer t)
    {
        if (window.size() == transferCapacity)
        {
            byId.remove(window.removeFirst().id);
        }
        window.addLast(t);
        byId.put(t.id, t);
    }
}

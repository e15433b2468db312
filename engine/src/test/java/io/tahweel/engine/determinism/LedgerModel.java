package io.tahweel.engine.determinism;

import io.tahweel.engine.determinism.WorkloadGenerator.Transfer;
import io.tahweel.engine.ledger.Ledger;
import io.tahweel.sbe.TransferResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately naive reference model of the ledger-only accounts of the workload (the auditor
 * of TigerBeetle's simulator, in miniature): plain maps, no rings, no heaps. It predicts the
 * result of every modeled transfer from its own balances, applies the effects of the ones the
 * core accepted, and releases expired holds on every timer tick. Any disagreement with the core
 * is recorded as a mismatch naming the sequence.
 * <p>
 * It covers only what the workload sends to those accounts: immediate and pending transfers,
 * posts and voids naming a pending id, retries of recent ids (never old enough to have left the
 * core's idempotency window), currency mismatches and zero amounts.
 */
final class LedgerModel
{
    private static final long NANOS = 1_000_000_000L;

    private static final class Account
    {
        final int currency;
        final boolean constrained;
        final long creditLimit;
        long debitsPending;
        long debitsPosted;
        long creditsPending;
        long creditsPosted;

        Account(final int currency, final boolean constrained, final long creditLimit)
        {
            this.currency = currency;
            this.constrained = constrained;
            this.creditLimit = creditLimit;
        }
    }

    private enum State
    {
        POSTED, PENDING, PENDING_POSTED, PENDING_VOIDED, PENDING_EXPIRED
    }

    private static final class Accepted
    {
        final Transfer request;
        final long debit;
        final long credit;
        final long amount;
        final long expiresAt;
        State state;

        Accepted(final Transfer request, final long debit, final long credit, final long amount, final long expiresAt,
            final State state)
        {
            this.request = request;
            this.debit = debit;
            this.credit = credit;
            this.amount = amount;
            this.expiresAt = expiresAt;
            this.state = state;
        }
    }

    private final Map<Long, Account> accounts = new LinkedHashMap<>();
    private final Map<Long, Accepted> accepted = new HashMap<>();
    private final List<Accepted> holds = new ArrayList<>();
    private final List<String> mismatches = new ArrayList<>();
    private final Map<TransferResult, Integer> results = new java.util.EnumMap<>(TransferResult.class);
    private int expired;

    LedgerModel()
    {
        open(WorkloadGenerator.LEDGER_EGP, WorkloadGenerator.EGP);
        open(WorkloadGenerator.LEDGER_USD, WorkloadGenerator.USD);
    }

    private void open(final long[] ids, final int currency)
    {
        accounts.put(ids[0], new Account(currency, false, 0));
        for (int i = 1; i < ids.length; i++)
        {
            accounts.put(ids[i], new Account(currency, true,
                ids[i] == WorkloadGenerator.CREDIT_LIMIT_ACCOUNT ? WorkloadGenerator.CREDIT_LIMIT : 0));
        }
    }

    /** A journaled timer tick at {@code timestamp}: holds due at or before it are released. */
    void onTick(final long timestamp)
    {
        for (final Accepted hold : holds)
        {
            if (hold.state == State.PENDING && hold.expiresAt != 0 && hold.expiresAt <= timestamp)
            {
                release(hold);
                hold.state = State.PENDING_EXPIRED;
                expired++;
            }
        }
        holds.removeIf(hold -> hold.state != State.PENDING);
    }

    /** A modeled transfer the core answered with {@code actual} at {@code sequence}. */
    void onTransfer(final long sequence, final long timestamp, final Transfer t, final TransferResult actual)
    {
        final TransferResult expected = predict(t, timestamp);
        results.merge(actual, 1, Integer::sum);
        if (expected != actual)
        {
            mismatches.add("sequence " + sequence + ": " + t + " model expected " + expected + ", core answered " + actual);
            return;
        }
        if (actual == TransferResult.OK)
        {
            apply(t, timestamp);
        }
    }

    private TransferResult predict(final Transfer t, final long timestamp)
    {
        final Accepted known = accepted.get(t.id());
        if (known != null)
        {
            return known.request.equals(t) ? TransferResult.EXISTS : TransferResult.EXISTS_WITH_DIFFERENT_FIELDS;
        }
        if (t.amount() == 0 && !t.isPostOrVoid())
        {
            return TransferResult.AMOUNT_MUST_BE_POSITIVE;
        }
        if (!t.isPostOrVoid())
        {
            final Account debit = accounts.get(t.debit());
            final Account credit = accounts.get(t.credit());
            if (debit.currency != t.currency() || credit.currency != t.currency())
            {
                return TransferResult.CURRENCY_MISMATCH;
            }
            if (debit.constrained &&
                debit.debitsPending + debit.debitsPosted + t.amount() > debit.creditsPosted + debit.creditLimit)
            {
                return TransferResult.EXCEEDS_CREDITS;
            }
            return TransferResult.OK;
        }
        final Accepted pending = accepted.get(t.pendingId());
        if (pending == null)
        {
            return TransferResult.PENDING_TRANSFER_NOT_FOUND;
        }
        if ((pending.request.flags() & WorkloadGenerator.PENDING) == 0)
        {
            return TransferResult.PENDING_TRANSFER_NOT_PENDING;
        }
        switch (pending.state)
        {
            case PENDING_POSTED:
                return TransferResult.PENDING_TRANSFER_ALREADY_POSTED;
            case PENDING_VOIDED:
                return TransferResult.PENDING_TRANSFER_ALREADY_VOIDED;
            case PENDING_EXPIRED:
                return TransferResult.PENDING_TRANSFER_EXPIRED;
            default:
                break;
        }
        if (pending.expiresAt != 0 && pending.expiresAt <= timestamp)
        {
            return TransferResult.PENDING_TRANSFER_EXPIRED;
        }
        final boolean post = (t.flags() & WorkloadGenerator.POST) != 0;
        if (t.amount() > pending.amount || (!post && t.amount() != 0 && t.amount() != pending.amount))
        {
            return TransferResult.EXCEEDS_PENDING_AMOUNT;
        }
        return TransferResult.OK;
    }

    private void apply(final Transfer t, final long timestamp)
    {
        if (!t.isPostOrVoid())
        {
            final boolean pending = (t.flags() & WorkloadGenerator.PENDING) != 0;
            final Account debit = accounts.get(t.debit());
            final Account credit = accounts.get(t.credit());
            if (pending)
            {
                debit.debitsPending += t.amount();
                credit.creditsPending += t.amount();
            }
            else
            {
                debit.debitsPosted += t.amount();
                credit.creditsPosted += t.amount();
            }
            final long expiresAt = pending && t.timeoutSeconds() > 0 ? timestamp + t.timeoutSeconds() * NANOS : 0;
            final Accepted a = new Accepted(t, t.debit(), t.credit(), t.amount(), expiresAt,
                pending ? State.PENDING : State.POSTED);
            accepted.put(t.id(), a);
            if (pending)
            {
                holds.add(a);
            }
            return;
        }
        final Accepted pending = accepted.get(t.pendingId());
        release(pending);
        final boolean post = (t.flags() & WorkloadGenerator.POST) != 0;
        final long posted = post ? (t.amount() == 0 ? pending.amount : t.amount()) : 0;
        accounts.get(pending.debit).debitsPosted += posted;
        accounts.get(pending.credit).creditsPosted += posted;
        pending.state = post ? State.PENDING_POSTED : State.PENDING_VOIDED;
        accepted.put(t.id(), new Accepted(t, pending.debit, pending.credit, post ? posted : pending.amount, 0,
            State.POSTED));
    }

    private void release(final Accepted hold)
    {
        accounts.get(hold.debit).debitsPending -= hold.amount;
        accounts.get(hold.credit).creditsPending -= hold.amount;
    }

    /** Adds a mismatch for every modeled account whose balances differ from the core's ledger. */
    void compareBalances(final Ledger ledger)
    {
        for (final Map.Entry<Long, Account> e : accounts.entrySet())
        {
            final long id = e.getKey();
            final Account a = e.getValue();
            final String model = balances(a.debitsPending, a.debitsPosted, a.creditsPending, a.creditsPosted);
            final String core = balances(ledger.debitsPending(id), ledger.debitsPosted(id), ledger.creditsPending(id),
                ledger.creditsPosted(id));
            if (!model.equals(core))
            {
                mismatches.add("account " + id + ": model " + model + ", core " + core);
            }
        }
    }

    private static String balances(final long dPending, final long dPosted, final long cPending, final long cPosted)
    {
        return "dp=" + dPending + " dP=" + dPosted + " cp=" + cPending + " cP=" + cPosted;
    }

    List<String> mismatches()
    {
        return mismatches;
    }

    Map<TransferResult, Integer> results()
    {
        return results;
    }

    int expiredHolds()
    {
        return expired;
    }
}

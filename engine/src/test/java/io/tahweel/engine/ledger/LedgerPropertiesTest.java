package io.tahweel.engine.ledger;

import io.tahweel.sbe.TransferResult;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.tahweel.engine.ledger.Ledger.FLAG_PENDING;
import static io.tahweel.engine.ledger.Ledger.FLAG_POST_PENDING;
import static io.tahweel.engine.ledger.Ledger.FLAG_VOID_PENDING;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random sequences of account openings, immediate/pending/post/void transfers, retries, ticks
 * and snapshots, run against the ledger and the {@link ReferenceLedger} auditor side by side.
 * Small capacities make the idempotency window wrap and fill during a run.
 */
class LedgerPropertiesTest
{
    static final int[] CURRENCIES = {818, 840, 978};
    static final int ACCOUNT_CAPACITY = 6;
    static final int TRANSFER_CAPACITY = 12;
    static final int MAX_ACCOUNT_ID = 7;
    static final int MAX_TRANSFER_ID = 30;
    /** Currency choice meaning "the debit account's currency", so that most transfers are well formed. */
    static final int DEBIT_CURRENCY = -1;
    /** Credit account choice meaning "another account in the debit account's currency". */
    static final long PEER = -1;
    /** A negative pending id -k means "the k-th most recent pending transfer created". */
    static final int RECENT_PENDING_CHOICES = 4;

    interface Op
    {
    }

    record OpenAccount(long id, int currencyIndex, int flags, long creditLimit) implements Op
    {
    }

    record Transfer(
        long id, long debit, long credit, long amount, int currency, int flags, long pendingId, long timeout, int code)
        implements Op
    {
    }

    record Retry(int back) implements Op
    {
    }

    record Tick(long advance) implements Op
    {
    }

    record Snapshot() implements Op
    {
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void ledgerAgreesWithTheAuditorAndKeepsItsInvariants(
        @ForAll("accounts") final List<OpenAccount> accounts, @ForAll("operations") final List<Op> operations)
    {
        new Run().execute(accounts, operations);
    }

    /** One run: the ledger, an optional ledger restored from a snapshot, and the auditor. */
    static final class Run implements PendingExpiryListener
    {
        final Ledger ledger = new Ledger(ACCOUNT_CAPACITY, TRANSFER_CAPACITY);
        final ReferenceLedger model = new ReferenceLedger(ACCOUNT_CAPACITY, TRANSFER_CAPACITY);
        final List<Transfer> sent = new ArrayList<>();
        final List<Long> pendingSent = new ArrayList<>();
        final List<String> expired = new ArrayList<>();
        Ledger restored;
        long now = 1_000;

        @Override
        public void onExpired(final long transferId, final long amount)
        {
            expired.add(transferId + ":" + amount);
        }

        void execute(final List<OpenAccount> accounts, final List<Op> operations)
        {
            for (final OpenAccount open : accounts)
            {
                openAccount(open);
            }
            for (final Op op : operations)
            {
                now++;
                if (op instanceof OpenAccount open)
                {
                    openAccount(open);
                }
                else if (op instanceof Transfer transfer)
                {
                    transfer(resolve(transfer));
                }
                else if (op instanceof Retry retry && !sent.isEmpty())
                {
                    transfer(sent.get(Math.max(0, sent.size() - 1 - retry.back())));
                }
                else if (op instanceof Tick tick)
                {
                    tick(tick.advance());
                }
                else if (op instanceof Snapshot)
                {
                    snapshotAndRestore();
                }
                checkAgainstModel();
            }
            if (restored != null)
            {
                assertArrayEquals(LedgerSnapshotTest.snapshot(ledger), LedgerSnapshotTest.snapshot(restored));
            }
        }

        private void openAccount(final OpenAccount open)
        {
            final int currency = CURRENCIES[open.currencyIndex()];
            final var expected = model.createAccount(open.id(), currency, open.flags(), open.creditLimit());
            assertEquals(expected, ledger.createAccount(open.id(), currency, open.flags(), open.creditLimit(), 0, 0));
            if (restored != null)
            {
                assertEquals(expected, restored.createAccount(open.id(), currency, open.flags(), open.creditLimit(), 0, 0));
            }
        }

        /** Turns the generator's "same currency" and "recent pending" choices into concrete fields. */
        private Transfer resolve(final Transfer t)
        {
            final long credit = t.credit() == PEER ? peerOf(t.debit()) : t.credit();
            final int currency = t.currency() == DEBIT_CURRENCY ? ledger.accountCurrency(t.debit()) : t.currency();
            long pendingId = t.pendingId();
            if (pendingId < 0)
            {
                pendingId = pendingSent.isEmpty() ? 1 : pendingSent.get(Math.max(0, pendingSent.size() + (int)pendingId));
            }
            return new Transfer(t.id(), t.debit(), credit, t.amount(), currency, t.flags(), pendingId, t.timeout(), t.code());
        }

        private long peerOf(final long debit)
        {
            final int currency = ledger.accountCurrency(debit);
            for (int i = 0; i < ledger.accountCount(); i++)
            {
                final long id = ledger.accountIdAt((int)((i + debit) % ledger.accountCount()));
                if (id != debit && ledger.accountCurrency(id) == currency)
                {
                    return id;
                }
            }
            return debit + 1;
        }

        private void transfer(final Transfer t)
        {
            sent.add(t);
            final long[] before = balances(ledger);
            final ReferenceLedger.Transfer target = model.transfer(t.pendingId());
            final TransferResult expected = model.createTransfer(
                t.id(), t.debit(), t.credit(), t.amount(), t.currency(), t.flags(), t.pendingId(), t.timeout(), t.code(), now);
            final TransferResult actual = ledger.createTransfer(
                t.id(), t.debit(), t.credit(), t.amount(), t.currency(), t.flags(), t.pendingId(), t.timeout(), t.code(), now);
            assertEquals(expected, actual, () -> "for " + t + " at " + now);
            if (restored != null)
            {
                assertEquals(expected, restored.createTransfer(
                    t.id(), t.debit(), t.credit(), t.amount(), t.currency(), t.flags(), t.pendingId(), t.timeout(), t.code(), now));
            }
            if (actual == TransferResult.OK && t.flags() == FLAG_PENDING)
            {
                pendingSent.add(t.id());
            }
            if (actual != TransferResult.OK)
            {
                assertArrayEquals(before, balances(ledger), () -> actual + " must change nothing");
            }
            if (target != null)
            {
                assertTrue(target.finishedBy <= 1, "a pending transfer was posted/voided/expired more than once");
            }
        }

        private void tick(final long advance)
        {
            now += advance;
            final List<String> expected = model.expire(now);
            expired.clear();
            assertEquals(expected.size(), ledger.expirePending(now, this));
            assertEquals(expected, expired);
            if (restored != null)
            {
                expired.clear();
                assertEquals(expected.size(), restored.expirePending(now, this));
                assertEquals(expected, expired);
            }
        }

        private void snapshotAndRestore()
        {
            final byte[] bytes = LedgerSnapshotTest.snapshot(ledger);
            restored = LedgerSnapshotTest.restore(bytes, ACCOUNT_CAPACITY, TRANSFER_CAPACITY);
            assertArrayEquals(bytes, LedgerSnapshotTest.snapshot(restored));
        }

        private void checkAgainstModel()
        {
            assertNull(ledger.checkInvariants());
            for (final int currency : CURRENCIES)
            {
                assertEquals(ledger.sumDebitsPosted(currency), ledger.sumCreditsPosted(currency));
                assertEquals(ledger.sumDebitsPending(currency), ledger.sumCreditsPending(currency));
            }
            int index = 0;
            for (final ReferenceLedger.Account account : model.accounts())
            {
                assertEquals(account.id, ledger.accountIdAt(index++));
                assertEquals(account.debitsPending, BigInteger.valueOf(ledger.debitsPending(account.id)));
                assertEquals(account.debitsPosted, BigInteger.valueOf(ledger.debitsPosted(account.id)));
                assertEquals(account.creditsPending, BigInteger.valueOf(ledger.creditsPending(account.id)));
                assertEquals(account.creditsPosted, BigInteger.valueOf(ledger.creditsPosted(account.id)));
            }
            assertEquals(index, ledger.accountCount());
            index = 0;
            for (final ReferenceLedger.Transfer transfer : model.window())
            {
                assertEquals(transfer.id, ledger.transferIdAt(index++));
                assertEquals(transfer.state, ledger.transferState(transfer.id));
                assertEquals(transfer.amount, ledger.transferAmount(transfer.id));
                assertEquals(transfer.posted, ledger.pendingPostedAmount(transfer.id));
                if (transfer.state == TransferState.PENDING_POSTED)
                {
                    assertTrue(transfer.posted > 0 && transfer.posted <= transfer.amount);
                }
            }
            assertEquals(index, ledger.transferCount());
        }

        private static long[] balances(final Ledger ledger)
        {
            final long[] out = new long[ledger.accountCount() * 4];
            for (int i = 0; i < ledger.accountCount(); i++)
            {
                final long id = ledger.accountIdAt(i);
                out[4 * i] = ledger.debitsPending(id);
                out[4 * i + 1] = ledger.debitsPosted(id);
                out[4 * i + 2] = ledger.creditsPending(id);
                out[4 * i + 3] = ledger.creditsPosted(id);
            }
            return out;
        }

        @Override
        public String toString()
        {
            return "Run at " + now + " restored=" + (restored != null) + " " + Arrays.toString(balances(ledger));
        }
    }

    @Provide
    Arbitrary<List<OpenAccount>> accounts()
    {
        return openAccount(Arbitraries.just(0L), Arbitraries.of(0, 0, 1, 1, 2)).list().ofSize(5)
            .map(list -> numbered(list));
    }

    @Provide
    Arbitrary<List<Op>> operations()
    {
        return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, openAccount(Arbitraries.longs().between(0, MAX_ACCOUNT_ID), Arbitraries.of(0, 1, 2, 3)).map(o -> (Op)o)),
            net.jqwik.api.Tuple.of(70, transfer().map(t -> (Op)t)),
            net.jqwik.api.Tuple.of(10, Arbitraries.integers().between(0, 15).map(back -> (Op)new Retry(back))),
            net.jqwik.api.Tuple.of(10, Arbitraries.longs().between(0, 60).map(advance -> (Op)new Tick(advance))),
            net.jqwik.api.Tuple.of(2, Arbitraries.just((Op)new Snapshot())))
            .list().ofMinSize(20).ofMaxSize(150);
    }

    private static List<OpenAccount> numbered(final List<OpenAccount> accounts)
    {
        final List<OpenAccount> out = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++)
        {
            final OpenAccount a = accounts.get(i);
            out.add(new OpenAccount(i + 1, a.currencyIndex(), a.flags(), a.creditLimit()));
        }
        return out;
    }

    private static Arbitrary<OpenAccount> openAccount(final Arbitrary<Long> ids, final Arbitrary<Integer> flags)
    {
        final Arbitrary<Long> limits = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.just(0L)),
            net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(1, 300)),
            net.jqwik.api.Tuple.of(1, Arbitraries.of(-1L, Long.MAX_VALUE)));
        return Combinators.combine(ids, Arbitraries.integers().between(0, CURRENCIES.length - 1), flags, limits)
            .as((id, currency, flag, limit) -> new OpenAccount(id, currency, flag, flag == 1 ? limit : (limit == -1 ? 5 : 0)));
    }

    private static Arbitrary<Transfer> transfer()
    {
        final Arbitrary<Integer> kinds = Arbitraries.frequency(
            net.jqwik.api.Tuple.of(35, 0),
            net.jqwik.api.Tuple.of(25, FLAG_PENDING),
            net.jqwik.api.Tuple.of(22, FLAG_POST_PENDING),
            net.jqwik.api.Tuple.of(12, FLAG_VOID_PENDING),
            net.jqwik.api.Tuple.of(1, FLAG_PENDING | FLAG_VOID_PENDING),
            net.jqwik.api.Tuple.of(1, 8));
        return kinds.flatMap(LedgerPropertiesTest::transferOfKind);
    }

    private static Arbitrary<Transfer> transferOfKind(final int flags)
    {
        final boolean postOrVoid = (flags & (FLAG_POST_PENDING | FLAG_VOID_PENDING)) != 0;
        final Arbitrary<Long> ids = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(50, Arbitraries.longs().between(1, MAX_TRANSFER_ID)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(0L)));
        final Arbitrary<Long> debits = postOrVoid ?
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(0, MAX_ACCOUNT_ID))) :
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(40, Arbitraries.longs().between(1, 5)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(6, MAX_ACCOUNT_ID)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0L)));
        final Arbitrary<Long> credits = postOrVoid ?
            debits :
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(30, Arbitraries.just(PEER)),
                net.jqwik.api.Tuple.of(10, Arbitraries.longs().between(1, MAX_ACCOUNT_ID)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0L)));
        final Arbitrary<Long> amounts = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(postOrVoid ? 40 : 80, Arbitraries.longs().between(1, 200)),
            net.jqwik.api.Tuple.of(postOrVoid ? 50 : 2, Arbitraries.just(0L)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(-1L)),
            net.jqwik.api.Tuple.of(3, Arbitraries.of(Long.MAX_VALUE, Long.MAX_VALUE / 2 + 1, Long.MAX_VALUE - 50)));
        final Arbitrary<Integer> currencies = postOrVoid ?
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(DEBIT_CURRENCY)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(818, 840, 978))) :
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(30, Arbitraries.just(DEBIT_CURRENCY)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(818, 840, 978)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0)));
        final Arbitrary<Long> pendingIds = postOrVoid ?
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(40, Arbitraries.longs().between(-RECENT_PENDING_CHOICES, -1)),
                net.jqwik.api.Tuple.of(20, Arbitraries.longs().between(1, MAX_TRANSFER_ID)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0L))) :
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(30, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, MAX_TRANSFER_ID)));
        final Arbitrary<Long> timeouts = flags == FLAG_PENDING ?
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(20, Arbitraries.longs().between(1, 100)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(-1L, Long.MAX_VALUE))) :
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(30, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, 100)));
        final Arbitrary<Integer> codes = Arbitraries.integers().between(0, 1);
        return Combinators.combine(ids, debits, credits, amounts, currencies, pendingIds, timeouts, codes)
            .as((id, debit, credit, amount, currency, pendingId, timeout, code) ->
                new Transfer(id, debit, credit, amount, currency, flags, pendingId, timeout, code));
    }
}

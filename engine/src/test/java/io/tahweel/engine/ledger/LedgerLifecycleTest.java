package io.tahweel.engine.ledger;

import io.tahweel.sbe.TransferResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.tahweel.engine.ledger.Ledger.FLAG_PENDING;
import static io.tahweel.engine.ledger.Ledger.FLAG_POST_PENDING;
import static io.tahweel.engine.ledger.Ledger.FLAG_VOID_PENDING;
import static io.tahweel.sbe.TransferResult.EXISTS;
import static io.tahweel.sbe.TransferResult.LEDGER_FULL;
import static io.tahweel.sbe.TransferResult.OK;
import static io.tahweel.sbe.TransferResult.PENDING_TRANSFER_NOT_FOUND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expiry, the idempotency window at its limit, and allocation. */
class LedgerLifecycleTest
{
    private static final int EGP = 818;
    private static final long A = 1;
    private static final long B = 2;
    private static final long T0 = 5_000;

    private static Ledger ledger(final int transferCapacity)
    {
        final Ledger ledger = new Ledger(2, transferCapacity);
        ledger.createAccount(A, EGP, 0, 0, 0, 0);
        ledger.createAccount(B, EGP, 0, 0, 0, 0);
        return ledger;
    }

    private static TransferResult transfer(final Ledger ledger, final long id, final long amount)
    {
        return ledger.createTransfer(id, A, B, amount, EGP, 0, 0, 0, 0, T0);
    }

    private static TransferResult hold(final Ledger ledger, final long id, final long amount, final long timeout)
    {
        return ledger.createTransfer(id, A, B, amount, EGP, FLAG_PENDING, 0, timeout, 0, T0);
    }

    private static TransferResult voidHold(final Ledger ledger, final long id, final long pendingId)
    {
        return ledger.createTransfer(id, 0, 0, 0, 0, FLAG_VOID_PENDING, pendingId, 0, 0, T0);
    }

    @Test
    void anExpiredHoldHandsBackItsHolderAndAReusedSlotStartsWithNone()
    {
        final Ledger ledger = ledger(2);
        assertEquals(OK, hold(ledger, 1, 10, 10));
        assertTrue(ledger.holder(1, 42));
        assertFalse(ledger.holder(99, 7), "an id not in the window has no row to hold it");
        assertEquals(OK, voidHold(ledger, 2, 1));
        assertEquals(OK, hold(ledger, 4, 20, 10)); // the ring of 2 reuses hold 1's slot, and gives it no holder
        final List<String> expired = new ArrayList<>();
        final PendingExpiryListener listener = new PendingExpiryListener()
        {
            @Override
            public void onExpired(final long id, final long amount)
            {
                throw new AssertionError("the ledger hands every expiry its holder");
            }

            @Override
            public void onExpired(final long id, final long amount, final long holder)
            {
                expired.add(id + ":" + amount + ":" + holder);
            }
        };
        assertEquals(1, ledger.expirePending(T0 + 10, listener));
        assertEquals(List.of("4:20:0"), expired);

        final Ledger other = ledger(4);
        assertEquals(OK, hold(other, 1, 10, 10));
        assertTrue(other.holder(1, 42));
        assertEquals(1, other.expirePending(T0 + 10, listener));
        assertEquals(List.of("4:20:0", "1:10:42"), expired);
    }

    @Test
    void expiresInExpiryThenIdOrderAndSkipsFinishedHolds()
    {
        final Ledger ledger = ledger(16);
        assertEquals(OK, hold(ledger, 5, 50, 30));
        assertEquals(OK, hold(ledger, 9, 90, 10));
        assertEquals(OK, hold(ledger, 3, 30, 10));
        assertEquals(OK, hold(ledger, 1, 10, 20));
        assertEquals(OK, hold(ledger, 7, 70, 0));
        assertEquals(OK, hold(ledger, 4, 40, 15));
        assertEquals(OK, voidHold(ledger, 40, 4));
        final List<String> expired = new ArrayList<>();
        final PendingExpiryListener listener = (id, amount) -> expired.add(id + ":" + amount);

        assertEquals(0, ledger.expirePending(T0 + 9, listener));
        assertEquals(2, ledger.expirePending(T0 + 10, listener));
        assertEquals(List.of("3:30", "9:90"), expired);
        assertEquals(2, ledger.expirePending(Long.MAX_VALUE, listener));
        assertEquals(List.of("3:30", "9:90", "1:10", "5:50"), expired);

        assertEquals(TransferState.PENDING, ledger.transferState(7));
        assertEquals(70, ledger.debitsPending(A));
        assertEquals(70, ledger.creditsPending(B));
        assertEquals(0, ledger.debitsPosted(A));
        assertNull(ledger.checkInvariants());
    }

    @Test
    void ringHoldsExactlyCapacityTransfersThenEvictsTheOldestFinished()
    {
        final Ledger ledger = ledger(3);
        assertEquals(OK, transfer(ledger, 11, 1));
        assertEquals(OK, transfer(ledger, 12, 2));
        assertEquals(OK, transfer(ledger, 13, 3));
        assertEquals(3, ledger.transferCount());
        assertEquals(EXISTS, transfer(ledger, 11, 1));

        assertEquals(OK, transfer(ledger, 14, 4));

        assertEquals(3, ledger.transferCount());
        assertEquals(TransferState.NONE, ledger.transferState(11));
        assertEquals(12, ledger.transferIdAt(0));
        assertEquals(14, ledger.transferIdAt(2));
        assertEquals(EXISTS, transfer(ledger, 12, 2));
        assertEquals(10, ledger.debitsPosted(A));
    }

    @Test
    void evictedIdIsNoLongerDeduplicated()
    {
        final Ledger ledger = ledger(2);
        assertEquals(OK, transfer(ledger, 11, 1));
        assertEquals(OK, transfer(ledger, 12, 1));
        assertEquals(OK, transfer(ledger, 13, 1));

        assertEquals(OK, transfer(ledger, 11, 1), "outside the idempotency window the id is new");
        assertEquals(4, ledger.debitsPosted(A));
    }

    @Test
    void oldestStillPendingMakesTheLedgerFullAndChangesNothing()
    {
        final Ledger ledger = ledger(3);
        assertEquals(OK, hold(ledger, 21, 5, 100));
        assertEquals(OK, transfer(ledger, 22, 1));
        assertEquals(OK, transfer(ledger, 23, 1));
        assertFalse(ledger.hasRoomFor(1));
        assertTrue(ledger.hasRoomFor(0));

        assertEquals(LEDGER_FULL, transfer(ledger, 24, 1));
        assertEquals(LEDGER_FULL, hold(ledger, 24, 1, 0));

        assertEquals(TransferState.NONE, ledger.transferState(24));
        assertEquals(2, ledger.debitsPosted(A));
        assertEquals(5, ledger.debitsPending(A));
        assertEquals(3, ledger.transferCount());
        assertEquals(EXISTS, transfer(ledger, 23, 1), "retries still answered when full");
    }

    @Test
    void voidOfTheOldestPendingTakesItsPlaceWhenFull()
    {
        final Ledger ledger = ledger(2);
        assertEquals(OK, hold(ledger, 21, 5, 0));
        assertEquals(OK, transfer(ledger, 22, 1));

        assertEquals(OK, voidHold(ledger, 23, 21));

        assertEquals(TransferState.NONE, ledger.transferState(21));
        assertEquals(TransferState.VOID_OF_PENDING, ledger.transferState(23));
        assertEquals(0, ledger.debitsPending(A));
        assertEquals(EXISTS, voidHold(ledger, 23, 21));
        assertEquals(PENDING_TRANSFER_NOT_FOUND, voidHold(ledger, 24, 21));
        assertNull(ledger.checkInvariants());
    }

    @Test
    void postOfTheOldestPendingTakesItsPlaceWhenFull()
    {
        final Ledger ledger = ledger(1);
        assertEquals(OK, hold(ledger, 21, 5, 0));
        assertEquals(OK, ledger.createTransfer(22, 0, 0, 2, 0, FLAG_POST_PENDING, 21, 0, 0, T0));
        assertEquals(2, ledger.debitsPosted(A));
        assertEquals(0, ledger.debitsPending(A));
        assertEquals(2, ledger.transferAmount(22));
    }

    @Test
    void expiryFreesTheRing()
    {
        final Ledger ledger = ledger(2);
        assertEquals(OK, hold(ledger, 21, 5, 10));
        assertEquals(OK, transfer(ledger, 22, 1));
        assertEquals(LEDGER_FULL, transfer(ledger, 23, 1));

        assertEquals(1, ledger.expirePending(T0 + 10, null));

        assertEquals(OK, transfer(ledger, 23, 1));
        assertEquals(TransferState.NONE, ledger.transferState(21));
    }

    @Test
    void hasRoomForLooksAtTheTransfersThatWouldBeEvicted()
    {
        final Ledger ledger = ledger(4);
        assertEquals(OK, transfer(ledger, 1, 1));
        assertEquals(OK, hold(ledger, 2, 1, 0));
        assertTrue(ledger.hasRoomFor(3));
        assertFalse(ledger.hasRoomFor(4));
        assertFalse(ledger.hasRoomFor(5));
        assertEquals(OK, voidHold(ledger, 3, 2));
        assertTrue(ledger.hasRoomFor(4));
    }

    @Test
    void expiryHeapStaysBoundedWhenHoldsAreFinishedEarly()
    {
        final Ledger ledger = ledger(2);
        for (long id = 1; id < 1_000; id += 2)
        {
            assertEquals(OK, hold(ledger, id, 1, 1_000_000));
            assertEquals(OK, voidHold(ledger, id + 1, id));
            assertTrue(ledger.expiryQueue().size() <= ledger.expiryQueue().capacity());
        }
        assertEquals(OK, hold(ledger, 5_000, 1, 1_000_000));
        assertEquals(1, ledger.expirePending(Long.MAX_VALUE, null));
        assertTrue(ledger.expiryQueue().isEmpty());
    }

    @Test
    void reusedIdAfterEvictionExpiresOnlyByItsOwnTimeout()
    {
        final Ledger ledger = ledger(2);
        assertEquals(OK, hold(ledger, 7, 1, 10));
        assertEquals(OK, voidHold(ledger, 8, 7));
        assertEquals(OK, transfer(ledger, 9, 1));
        assertEquals(OK, hold(ledger, 7, 3, 10), "id 7 left the window and is new again");

        assertEquals(1, ledger.expirePending(T0 + 10, null));
        assertEquals(0, ledger.debitsPending(A));
        assertEquals(TransferState.PENDING_EXPIRED, ledger.transferState(7));
    }

    @Test
    void steadyStateAllocatesNothing()
    {
        final Ledger ledger = new Ledger(4, 1024);
        ledger.createAccount(A, EGP, 0, 0, 0, 0);
        ledger.createAccount(B, EGP, 0, 0, 0, 0);
        final long[] expired = new long[1];
        final PendingExpiryListener listener = (id, amount) -> expired[0] += amount;
        long id = run(ledger, 1, 50_000, listener);

        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(thread);
        id = run(ledger, id, 50_000, listener);
        final long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertTrue(allocated < 1024, "allocated " + allocated + " bytes in steady state");
        assertTrue(expired[0] > 0);
        assertTrue(id > 0);
    }

    private static long run(final Ledger ledger, final long firstId, final int rounds, final PendingExpiryListener listener)
    {
        long id = firstId;
        long time = T0 + firstId;
        for (int i = 0; i < rounds; i++)
        {
            ledger.createTransfer(id++, A, B, 3, EGP, 0, 0, 0, 0, time);
            ledger.createTransfer(id++, A, B, 5, EGP, FLAG_PENDING, 0, 20, 0, time);
            if ((i & 1) == 0)
            {
                ledger.createTransfer(id, 0, 0, 2, 0, FLAG_POST_PENDING, id - 1, 0, 0, time);
                id++;
            }
            ledger.createTransfer(id - 2, A, B, 3, EGP, 0, 0, 0, 0, time);
            ledger.transferState(id - 1);
            ledger.expirePending(time, listener);
            time += 7;
        }
        return id;
    }
}

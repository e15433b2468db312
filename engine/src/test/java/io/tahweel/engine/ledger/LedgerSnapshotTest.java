package io.tahweel.engine.ledger;

import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.engine.state.SnapshotWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.tahweel.engine.ledger.Ledger.FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS;
import static io.tahweel.engine.ledger.Ledger.FLAG_PENDING;
import static io.tahweel.engine.ledger.Ledger.FLAG_POST_PENDING;
import static io.tahweel.engine.ledger.Ledger.FLAG_VOID_PENDING;
import static io.tahweel.sbe.TransferResult.LEDGER_FULL;
import static io.tahweel.sbe.TransferResult.OK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LedgerSnapshotTest
{
    private static final int EGP = 818;
    private static final int USD = 840;

    static byte[] snapshot(final Ledger ledger)
    {
        final SnapshotWriter writer = new SnapshotWriter(256);
        ledger.writeSnapshot(writer);
        final byte[] bytes = new byte[writer.position()];
        writer.buffer().getBytes(0, bytes);
        return bytes;
    }

    static Ledger restore(final byte[] bytes, final int accountCapacity, final int transferCapacity)
    {
        final Ledger ledger = new Ledger(accountCapacity, transferCapacity);
        ledger.readSnapshot(new SnapshotReader(new UnsafeBuffer(bytes), 0, bytes.length));
        return ledger;
    }

    /** A ledger whose ring has wrapped, with posted, voided, expired and live holds in it. */
    private static Ledger busyLedger()
    {
        final Ledger ledger = new Ledger(4, 6);
        ledger.createAccount(1, EGP, 0, 0, 11, 3);
        ledger.createAccount(2, EGP, FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS, 40, 12, 0);
        ledger.createAccount(3, USD, 0, 0, 13, 1);
        ledger.createAccount(4, USD, 0, 0, 14, 2);
        assertEquals(OK, ledger.createTransfer(100, 1, 2, 500, EGP, 0, 0, 0, 1, 10));
        assertEquals(OK, ledger.createTransfer(101, 3, 4, 70, USD, 0, 0, 0, 2, 11));
        assertEquals(OK, ledger.createTransfer(102, 2, 1, 90, EGP, FLAG_PENDING, 0, 100, 3, 12));
        assertEquals(OK, ledger.createTransfer(103, 0, 0, 60, 0, FLAG_POST_PENDING, 102, 0, 4, 13));
        assertEquals(OK, ledger.createTransfer(104, 2, 1, 10, EGP, FLAG_PENDING, 0, 0, 5, 14));
        assertEquals(OK, ledger.createTransfer(105, 4, 3, 5, USD, FLAG_PENDING, 0, 30, 6, 15));
        assertEquals(OK, ledger.createTransfer(106, 4, 3, 6, USD, FLAG_PENDING, 0, 50, 7, 16));
        assertEquals(OK, ledger.createTransfer(107, 0, 0, 0, 0, FLAG_VOID_PENDING, 104, 0, 8, 17));
        assertEquals(OK, ledger.createTransfer(108, 3, 4, 9, USD, FLAG_PENDING, 0, 40, 9, 18));
        assertEquals(1, ledger.expirePending(45, null));
        assertNull(ledger.checkInvariants());
        return ledger;
    }

    @Test
    void sameOperationsGiveSameBytes()
    {
        assertArrayEquals(snapshot(busyLedger()), snapshot(busyLedger()));
    }

    @Test
    void restoredLedgerWritesTheSameBytesAndHasTheSameState()
    {
        final Ledger original = busyLedger();
        final byte[] bytes = snapshot(original);

        final Ledger restored = restore(bytes, 4, 6);

        assertArrayEquals(bytes, snapshot(restored));
        assertNull(restored.checkInvariants());
        for (int i = 0; i < original.accountCount(); i++)
        {
            final long id = original.accountIdAt(i);
            assertEquals(id, restored.accountIdAt(i));
            assertEquals(original.debitsPending(id), restored.debitsPending(id));
            assertEquals(original.creditsPosted(id), restored.creditsPosted(id));
            assertEquals(original.accountOwner(id), restored.accountOwner(id));
            assertEquals(original.accountKind(id), restored.accountKind(id));
            assertEquals(original.creditLimit(id), restored.creditLimit(id));
        }
        for (int i = 0; i < original.transferCount(); i++)
        {
            final long id = original.transferIdAt(i);
            assertEquals(id, restored.transferIdAt(i));
            assertEquals(original.transferState(id), restored.transferState(id));
            assertEquals(original.transferAmount(id), restored.transferAmount(id));
            assertEquals(original.transferExpiresAt(id), restored.transferExpiresAt(id));
            assertEquals(original.pendingPostedAmount(id), restored.pendingPostedAmount(id));
        }
    }

    @Test
    void restoredLedgerBehavesIdentically()
    {
        final Ledger original = busyLedger();
        final Ledger restored = restore(snapshot(original), 4, 6);

        final List<String> fromOriginal = continueWith(original);
        final List<String> fromRestored = continueWith(restored);

        assertEquals(fromOriginal, fromRestored);
        assertArrayEquals(snapshot(original), snapshot(restored));
    }

    private static List<String> continueWith(final Ledger ledger)
    {
        final List<String> out = new ArrayList<>();
        final PendingExpiryListener listener = (id, amount) -> out.add("expired " + id + " " + amount);
        out.add(String.valueOf(ledger.createTransfer(100, 1, 2, 500, EGP, 0, 0, 0, 1, 50)));
        out.add(String.valueOf(ledger.createTransfer(109, 1, 2, 1, EGP, 0, 0, 0, 0, 50)));
        out.add(String.valueOf(ledger.createTransfer(110, 1, 2, 1, EGP, 0, 0, 0, 0, 50)));
        out.add(String.valueOf(ledger.createTransfer(111, 1, 2, 1, EGP, 0, 0, 0, 0, 50)));
        out.add(String.valueOf(ledger.createTransfer(112, 1, 2, 1, EGP, 0, 0, 0, 0, 50)));
        out.add(String.valueOf(ledger.createTransfer(113, 1, 2, 1, EGP, 0, 0, 0, 0, 50)));
        out.add("expired count " + ledger.expirePending(70, listener));
        out.add(String.valueOf(ledger.createTransfer(114, 1, 2, 1, EGP, 0, 0, 0, 0, 70)));
        out.add(String.valueOf(ledger.createTransfer(115, 1, 2, 1, EGP, 0, 0, 0, 0, 70)));
        return out;
    }

    @Test
    void restoredRingKeepsItsEvictionOrderAndFullness()
    {
        final Ledger original = new Ledger(2, 3);
        original.createAccount(1, EGP, 0, 0, 0, 0);
        original.createAccount(2, EGP, 0, 0, 0, 0);
        original.createTransfer(1, 1, 2, 1, EGP, 0, 0, 0, 0, 1);
        original.createTransfer(2, 1, 2, 1, EGP, FLAG_PENDING, 0, 0, 0, 1);
        original.createTransfer(3, 1, 2, 1, EGP, 0, 0, 0, 0, 1);
        original.createTransfer(4, 1, 2, 1, EGP, 0, 0, 0, 0, 1);

        final Ledger restored = restore(snapshot(original), 2, 3);

        assertEquals(LEDGER_FULL, restored.createTransfer(5, 1, 2, 1, EGP, 0, 0, 0, 0, 2));
        assertEquals(LEDGER_FULL, original.createTransfer(5, 1, 2, 1, EGP, 0, 0, 0, 0, 2));
    }

    @Test
    void restoreIntoLargerLedgerKeepsTheBytes()
    {
        final byte[] bytes = snapshot(busyLedger());
        assertArrayEquals(bytes, snapshot(restore(bytes, 10, 100)));
    }

    @Test
    void refusesNonEmptyLedgerSmallLedgerTruncatedOrForeignSnapshot()
    {
        final byte[] bytes = snapshot(busyLedger());
        final Ledger nonEmpty = new Ledger(8, 8);
        nonEmpty.createAccount(9, EGP, 0, 0, 0, 0);
        assertThrows(IllegalStateException.class,
            () -> nonEmpty.readSnapshot(new SnapshotReader(new UnsafeBuffer(bytes), 0, bytes.length)));
        assertThrows(IllegalStateException.class, () -> restore(bytes, 3, 6));
        assertThrows(IllegalStateException.class, () -> restore(bytes, 4, 5));

        final byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertThrows(IllegalStateException.class, () -> restore(truncated, 4, 6));

        final byte[] foreign = bytes.clone();
        foreign[0] ^= 1;
        assertThrows(IllegalStateException.class, () -> restore(foreign, 4, 6));
    }

    @Test
    void emptyLedgerRoundTrips()
    {
        final byte[] bytes = snapshot(new Ledger(1, 1));
        final Ledger restored = restore(bytes, 1, 1);
        assertArrayEquals(bytes, snapshot(restored));
        assertEquals(0, restored.accountCount());
        assertFalse(restored.accountExists(1));
    }
}

package io.tahweel.engine.ledger;

import io.tahweel.sbe.AdminResult;
import org.junit.jupiter.api.Test;

import static io.tahweel.engine.ledger.Ledger.FLAG_CREDITS_MUST_NOT_EXCEED_DEBITS;
import static io.tahweel.engine.ledger.Ledger.FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerAccountTest
{
    private static final int EGP = 818;
    private static final int USD = 840;

    private final Ledger ledger = new Ledger(3, 8);

    @Test
    void createsAccountAndStoresEveryField()
    {
        assertEquals(AdminResult.OK, ledger.createAccount(7, EGP, FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS, 500, 42, 2));

        assertTrue(ledger.accountExists(7));
        assertEquals(EGP, ledger.accountCurrency(7));
        assertEquals(FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS, ledger.accountFlags(7));
        assertEquals(500, ledger.creditLimit(7));
        assertEquals(42, ledger.accountOwner(7));
        assertEquals(2, ledger.accountKind(7));
        assertEquals(0, ledger.debitsPending(7));
        assertEquals(0, ledger.debitsPosted(7));
        assertEquals(0, ledger.creditsPending(7));
        assertEquals(0, ledger.creditsPosted(7));
        assertEquals(1, ledger.accountCount());
    }

    @Test
    void unknownAccountAnswersZeroes()
    {
        assertFalse(ledger.accountExists(99));
        assertEquals(0, ledger.accountCurrency(99));
        assertEquals(0, ledger.debitsPosted(99));
        assertEquals(0, ledger.creditLimit(99));
    }

    @Test
    void rejectsZeroId()
    {
        assertEquals(AdminResult.INVALID_ID, ledger.createAccount(0, 1000, 3, -1, 0, 0));
    }

    @Test
    void rejectsCurrencyOutsideIso4217NumericRange()
    {
        assertEquals(AdminResult.INVALID_CURRENCY, ledger.createAccount(1, 0, 3, -1, 0, 0));
        assertEquals(AdminResult.INVALID_CURRENCY, ledger.createAccount(1, 1000, 0, 0, 0, 0));
        assertEquals(AdminResult.INVALID_CURRENCY, ledger.createAccount(1, -818, 0, 0, 0, 0));
        assertEquals(AdminResult.OK, ledger.createAccount(1, 1, 0, 0, 0, 0));
        assertEquals(AdminResult.OK, ledger.createAccount(2, 999, 0, 0, 0, 0));
    }

    @Test
    void rejectsContradictoryOrUnknownFlags()
    {
        assertEquals(AdminResult.INVALID_FLAGS, ledger.createAccount(
            1, EGP, FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS | FLAG_CREDITS_MUST_NOT_EXCEED_DEBITS, -1, 0, 0));
        assertEquals(AdminResult.INVALID_FLAGS, ledger.createAccount(1, EGP, 0, 100, 0, 0));
        assertEquals(AdminResult.INVALID_FLAGS, ledger.createAccount(1, EGP, FLAG_CREDITS_MUST_NOT_EXCEED_DEBITS, 100, 0, 0));
        assertEquals(AdminResult.INVALID_FLAGS, ledger.createAccount(1, EGP, 4, 0, 0, 0));
        assertEquals(0, ledger.accountCount());
    }

    @Test
    void rejectsNegativeCreditLimit()
    {
        assertEquals(AdminResult.INVALID_AMOUNT, ledger.createAccount(1, EGP, FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS, -1, 0, 0));
    }

    @Test
    void rejectsDuplicateIdBeforeCapacity()
    {
        assertEquals(AdminResult.OK, ledger.createAccount(1, EGP, 0, 0, 0, 0));
        assertEquals(AdminResult.OK, ledger.createAccount(2, EGP, 0, 0, 0, 0));
        assertEquals(AdminResult.OK, ledger.createAccount(3, USD, 0, 0, 0, 0));

        assertEquals(AdminResult.DUPLICATE_ID, ledger.createAccount(3, USD, 0, 0, 0, 0));
        assertEquals(AdminResult.DUPLICATE_ID, ledger.createAccount(1, USD, 0, 0, 0, 0));
    }

    @Test
    void capacityIsExactlyTheConfiguredNumberOfAccounts()
    {
        assertEquals(AdminResult.OK, ledger.createAccount(1, EGP, 0, 0, 0, 0));
        assertEquals(AdminResult.OK, ledger.createAccount(2, EGP, 0, 0, 0, 0));
        assertEquals(AdminResult.OK, ledger.createAccount(3, EGP, 0, 0, 0, 0));

        assertEquals(AdminResult.CAPACITY_EXCEEDED, ledger.createAccount(4, EGP, 0, 0, 0, 0));
        assertEquals(3, ledger.accountCount());
        assertFalse(ledger.accountExists(4));
    }

    @Test
    void iteratesAccountsInCreationOrder()
    {
        ledger.createAccount(30, EGP, 0, 0, 0, 0);
        ledger.createAccount(-5, EGP, 0, 0, 0, 0);
        ledger.createAccount(10, EGP, 0, 0, 0, 0);

        assertEquals(30, ledger.accountIdAt(0));
        assertEquals(-5, ledger.accountIdAt(1));
        assertEquals(10, ledger.accountIdAt(2));
        assertThrows(IndexOutOfBoundsException.class, () -> ledger.accountIdAt(3));
    }

    @Test
    void rejectsCapacitiesOutOfRange()
    {
        assertThrows(IllegalArgumentException.class, () -> new Ledger(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Ledger(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Ledger(1, Ledger.MAX_CAPACITY + 1));
    }
}

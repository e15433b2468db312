package io.tahweel.engine.ledger;

/**
 * The ledger's invariants, checked from outside the hot path (tests, {@code journal verify}).
 * Allocates scratch arrays on each call.
 */
final class LedgerInvariants
{
    private LedgerInvariants()
    {
    }

    /** Returns a description of the first violated invariant, or null. */
    static String check(final Ledger ledger)
    {
        final String totals = checkTotalsPerCurrency(ledger);
        if (totals != null)
        {
            return totals;
        }
        final String accounts = checkAccounts(ledger);
        if (accounts != null)
        {
            return accounts;
        }
        return checkHolds(ledger);
    }

    private static String checkTotalsPerCurrency(final Ledger ledger)
    {
        final int currencies = Ledger.MAX_CURRENCY + 1;
        final long[] debitsPending = new long[currencies];
        final long[] debitsPosted = new long[currencies];
        final long[] creditsPending = new long[currencies];
        final long[] creditsPosted = new long[currencies];
        for (int i = 0, n = ledger.accountCount(); i < n; i++)
        {
            final int currency = ledger.currencyAtIndex(i);
            debitsPending[currency] += ledger.debitsPendingAtIndex(i);
            debitsPosted[currency] += ledger.debitsPostedAtIndex(i);
            creditsPending[currency] += ledger.creditsPendingAtIndex(i);
            creditsPosted[currency] += ledger.creditsPostedAtIndex(i);
        }
        for (int currency = 0; currency < currencies; currency++)
        {
            if (debitsPending[currency] != creditsPending[currency])
            {
                return "currency " + currency + ": debits pending " + debitsPending[currency] +
                    " != credits pending " + creditsPending[currency];
            }
            if (debitsPosted[currency] != creditsPosted[currency])
            {
                return "currency " + currency + ": debits posted " + debitsPosted[currency] +
                    " != credits posted " + creditsPosted[currency];
            }
        }
        return null;
    }

    private static String checkAccounts(final Ledger ledger)
    {
        for (int i = 0, n = ledger.accountCount(); i < n; i++)
        {
            final long dp = ledger.debitsPendingAtIndex(i);
            final long dpo = ledger.debitsPostedAtIndex(i);
            final long cp = ledger.creditsPendingAtIndex(i);
            final long cpo = ledger.creditsPostedAtIndex(i);
            final String account = "account " + ledger.accountIdAt(i) + ": ";
            if (dp < 0 || dpo < 0 || cp < 0 || cpo < 0)
            {
                return account + "negative balance";
            }
            if (Ledger.sumExceeds(dp, dpo, 0, Long.MAX_VALUE, 0) || Ledger.sumExceeds(cp, cpo, 0, Long.MAX_VALUE, 0))
            {
                return account + "pending plus posted overflows";
            }
            final int flags = ledger.flagsAtIndex(i);
            if ((flags & Ledger.FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS) != 0 &&
                Ledger.sumExceeds(dp, dpo, 0, cpo, ledger.creditLimitAtIndex(i)))
            {
                return account + "debits exceed credits plus credit limit";
            }
            if ((flags & Ledger.FLAG_CREDITS_MUST_NOT_EXCEED_DEBITS) != 0 && Ledger.sumExceeds(cp, cpo, 0, dpo, 0))
            {
                return account + "credits exceed debits";
            }
        }
        return null;
    }

    private static String checkHolds(final Ledger ledger)
    {
        final int accounts = ledger.accountCount();
        final long[] debitHolds = new long[accounts];
        final long[] creditHolds = new long[accounts];
        for (int i = 0, n = ledger.transferCount(); i < n; i++)
        {
            final int slot = ledger.ringSlot(i);
            if (ledger.stateAtSlot(slot) == TransferState.PENDING)
            {
                debitHolds[ledger.debitIndexAtSlot(slot)] += ledger.amountAtSlot(slot);
                creditHolds[ledger.creditIndexAtSlot(slot)] += ledger.amountAtSlot(slot);
            }
        }
        for (int i = 0; i < accounts; i++)
        {
            if (debitHolds[i] != ledger.debitsPendingAtIndex(i) || creditHolds[i] != ledger.creditsPendingAtIndex(i))
            {
                return "account " + ledger.accountIdAt(i) + ": pending balances " + ledger.debitsPendingAtIndex(i) + "/" +
                    ledger.creditsPendingAtIndex(i) + " != holds of its pending transfers " + debitHolds[i] + "/" +
                    creditHolds[i];
            }
        }
        return null;
    }
}

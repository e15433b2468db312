package io.tahweel.engine.ledger;

import io.tahweel.sbe.TransferResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tahweel.engine.ledger.Ledger.FLAG_CREDITS_MUST_NOT_EXCEED_DEBITS;
import static io.tahweel.engine.ledger.Ledger.FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS;
import static io.tahweel.engine.ledger.Ledger.FLAG_PENDING;
import static io.tahweel.engine.ledger.Ledger.FLAG_POST_PENDING;
import static io.tahweel.engine.ledger.Ledger.FLAG_VOID_PENDING;
import static io.tahweel.sbe.TransferResult.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** One test (at least) per result code, in the order of {@link TransferResult}, plus precedence. */
class LedgerTransferTest
{
    static final int EGP = 818;
    static final int USD = 840;
    static final long OPERATOR = 1;
    static final long CUSTOMER = 2;
    static final long MERCHANT = 3;
    static final long DOLLARS = 4;
    static final long CREDIT_ONLY = 5;
    static final long OVERDRAFT = 6;
    static final long T0 = 1_000_000_000L;

    private Ledger ledger;

    @BeforeEach
    void setUp()
    {
        ledger = new Ledger(8, 16);
        ledger.createAccount(OPERATOR, EGP, 0, 0, 1, 3);
        ledger.createAccount(CUSTOMER, EGP, FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS, 0, 2, 0);
        ledger.createAccount(MERCHANT, EGP, 0, 0, 3, 0);
        ledger.createAccount(DOLLARS, USD, 0, 0, 1, 0);
        ledger.createAccount(CREDIT_ONLY, EGP, FLAG_CREDITS_MUST_NOT_EXCEED_DEBITS, 0, 1, 0);
        ledger.createAccount(OVERDRAFT, EGP, FLAG_DEBITS_MUST_NOT_EXCEED_CREDITS, 100, 1, 0);
    }

    private TransferResult transfer(final long id, final long debit, final long credit, final long amount)
    {
        return ledger.createTransfer(id, debit, credit, amount, EGP, 0, 0, 0, 0, T0);
    }

    private TransferResult hold(final long id, final long debit, final long credit, final long amount, final long timeout)
    {
        return ledger.createTransfer(id, debit, credit, amount, EGP, FLAG_PENDING, 0, timeout, 0, T0);
    }

    private TransferResult post(final long id, final long pendingId, final long amount, final long timestamp)
    {
        return ledger.createTransfer(id, 0, 0, amount, 0, FLAG_POST_PENDING, pendingId, 0, 0, timestamp);
    }

    private TransferResult voidHold(final long id, final long pendingId, final long amount)
    {
        return ledger.createTransfer(id, 0, 0, amount, 0, FLAG_VOID_PENDING, pendingId, 0, 0, T0);
    }

    private void assertBalances(final long account, final long dp, final long dpo, final long cp, final long cpo)
    {
        assertEquals(dp, ledger.debitsPending(account), "debitsPending");
        assertEquals(dpo, ledger.debitsPosted(account), "debitsPosted");
        assertEquals(cp, ledger.creditsPending(account), "creditsPending");
        assertEquals(cpo, ledger.creditsPosted(account), "creditsPosted");
    }

    @Test
    void immediateTransferPostsAtOnce()
    {
        assertEquals(OK, ledger.createTransfer(10, OPERATOR, CUSTOMER, 250, EGP, 0, 0, 0, 7, T0));

        assertBalances(OPERATOR, 0, 250, 0, 0);
        assertBalances(CUSTOMER, 0, 0, 0, 250);
        assertEquals(TransferState.POSTED, ledger.transferState(10));
        assertEquals(250, ledger.transferAmount(10));
        assertEquals(OPERATOR, ledger.transferDebitAccountId(10));
        assertEquals(CUSTOMER, ledger.transferCreditAccountId(10));
        assertEquals(EGP, ledger.transferCurrency(10));
        assertEquals(7, ledger.transferCode(10));
        assertEquals(T0, ledger.transferTimestamp(10));
        assertNull(ledger.checkInvariants());
    }

    @Test
    void existsWhenRetriedWithSameFieldsAndChangesNothing()
    {
        assertEquals(OK, transfer(10, OPERATOR, CUSTOMER, 250));
        assertEquals(EXISTS, ledger.createTransfer(10, OPERATOR, CUSTOMER, 250, EGP, 0, 0, 0, 0, T0 + 99));
        assertBalances(CUSTOMER, 0, 0, 0, 250);
    }

    @Test
    void existsEvenWhenTheRetryWouldNowFailValidation()
    {
        assertEquals(OK, transfer(10, OPERATOR, CUSTOMER, 250));
        assertEquals(OK, transfer(11, CUSTOMER, MERCHANT, 250));
        assertEquals(EXISTS, transfer(11, CUSTOMER, MERCHANT, 250));
        assertBalances(CUSTOMER, 0, 250, 0, 250);
    }

    @Test
    void existsWithDifferentFieldsComparesEveryRequestField()
    {
        assertEquals(OK, ledger.createTransfer(10, OPERATOR, CUSTOMER, 250, EGP, 0, 0, 0, 7, T0));

        assertEquals(EXISTS_WITH_DIFFERENT_FIELDS, ledger.createTransfer(10, OPERATOR, CUSTOMER, 251, EGP, 0, 0, 0, 7, T0));
        assertEquals(EXISTS_WITH_DIFFERENT_FIELDS, ledger.createTransfer(10, OPERATOR, MERCHANT, 250, EGP, 0, 0, 0, 7, T0));
        assertEquals(EXISTS_WITH_DIFFERENT_FIELDS, ledger.createTransfer(10, MERCHANT, CUSTOMER, 250, EGP, 0, 0, 0, 7, T0));
        assertEquals(EXISTS_WITH_DIFFERENT_FIELDS, ledger.createTransfer(10, OPERATOR, CUSTOMER, 250, USD, 0, 0, 0, 7, T0));
        assertEquals(EXISTS_WITH_DIFFERENT_FIELDS, ledger.createTransfer(10, OPERATOR, CUSTOMER, 250, EGP, 0, 0, 0, 8, T0));
        assertEquals(EXISTS_WITH_DIFFERENT_FIELDS,
            ledger.createTransfer(10, OPERATOR, CUSTOMER, 250, EGP, FLAG_PENDING, 0, 0, 7, T0));
        assertEquals(EXISTS_WITH_DIFFERENT_FIELDS,
            ledger.createTransfer(10, OPERATOR, CUSTOMER, 250, EGP, FLAG_PENDING, 0, 5, 7, T0));
        assertEquals(EXISTS_WITH_DIFFERENT_FIELDS,
            ledger.createTransfer(10, OPERATOR, CUSTOMER, 250, EGP, FLAG_POST_PENDING, 3, 0, 7, T0));
        assertBalances(CUSTOMER, 0, 0, 0, 250);
    }

    @Test
    void postRetryComparesTheRequestNotTheInheritedFields()
    {
        assertEquals(OK, hold(20, OPERATOR, CUSTOMER, 100, 0));
        assertEquals(OK, post(21, 20, 0, T0));

        assertEquals(EXISTS, post(21, 20, 0, T0 + 1));
        assertEquals(EXISTS_WITH_DIFFERENT_FIELDS, ledger.createTransfer(21, OPERATOR, CUSTOMER, 0, EGP, FLAG_POST_PENDING, 20, 0, 0, T0));
        assertEquals(EXISTS_WITH_DIFFERENT_FIELDS, post(21, 20, 100, T0));
        assertBalances(CUSTOMER, 0, 0, 0, 100);
    }

    @Test
    void idMustNotBeZero()
    {
        assertEquals(ID_MUST_NOT_BE_ZERO, transfer(0, OPERATOR, CUSTOMER, 1));
    }

    @Test
    void flagsAreMutuallyExclusive()
    {
        assertEquals(FLAGS_ARE_MUTUALLY_EXCLUSIVE,
            ledger.createTransfer(1, OPERATOR, CUSTOMER, 1, EGP, FLAG_PENDING | FLAG_POST_PENDING, 5, 0, 0, T0));
        assertEquals(FLAGS_ARE_MUTUALLY_EXCLUSIVE,
            ledger.createTransfer(1, OPERATOR, CUSTOMER, 1, EGP, FLAG_POST_PENDING | FLAG_VOID_PENDING, 5, 0, 0, T0));
        assertEquals(FLAGS_ARE_MUTUALLY_EXCLUSIVE,
            ledger.createTransfer(1, OPERATOR, CUSTOMER, 1, EGP, FLAG_PENDING | FLAG_VOID_PENDING, 5, 0, 0, T0));
        assertEquals(FLAGS_ARE_MUTUALLY_EXCLUSIVE, ledger.createTransfer(1, OPERATOR, CUSTOMER, 1, EGP, 8, 0, 0, 0, T0));
    }

    @Test
    void pendingIdMustBeZeroUnlessPostOrVoid()
    {
        assertEquals(PENDING_ID_MUST_BE_ZERO, ledger.createTransfer(1, OPERATOR, CUSTOMER, 1, EGP, 0, 5, 0, 0, T0));
        assertEquals(PENDING_ID_MUST_BE_ZERO, ledger.createTransfer(1, OPERATOR, CUSTOMER, 1, EGP, FLAG_PENDING, 5, 0, 0, T0));
    }

    @Test
    void pendingIdRequiredForPostAndVoid()
    {
        assertEquals(PENDING_ID_REQUIRED, post(1, 0, 0, T0));
        assertEquals(PENDING_ID_REQUIRED, voidHold(1, 0, 0));
    }

    @Test
    void timeoutReservedForPending()
    {
        assertEquals(TIMEOUT_RESERVED_FOR_PENDING, ledger.createTransfer(1, OPERATOR, CUSTOMER, 1, EGP, 0, 0, 5, 0, T0));
        assertEquals(TIMEOUT_RESERVED_FOR_PENDING,
            ledger.createTransfer(1, 0, 0, 0, 0, FLAG_POST_PENDING, 9, 5, 0, T0));
        assertEquals(TIMEOUT_RESERVED_FOR_PENDING, hold(1, OPERATOR, CUSTOMER, 1, -1));
    }

    @Test
    void amountMustBePositive()
    {
        assertEquals(AMOUNT_MUST_BE_POSITIVE, transfer(1, OPERATOR, CUSTOMER, 0));
        assertEquals(AMOUNT_MUST_BE_POSITIVE, transfer(1, OPERATOR, CUSTOMER, -5));
        assertEquals(AMOUNT_MUST_BE_POSITIVE, hold(1, OPERATOR, CUSTOMER, 0, 0));
        assertEquals(AMOUNT_MUST_BE_POSITIVE, post(1, 9, -1, T0));
        assertEquals(AMOUNT_MUST_BE_POSITIVE, voidHold(1, 9, -1));
    }

    @Test
    void accountsMustBeDifferent()
    {
        assertEquals(ACCOUNTS_MUST_BE_DIFFERENT, transfer(1, OPERATOR, OPERATOR, 1));
        assertEquals(ACCOUNTS_MUST_BE_DIFFERENT,
            ledger.createTransfer(1, OPERATOR, OPERATOR, 0, 0, FLAG_VOID_PENDING, 9, 0, 0, T0));
    }

    @Test
    void debitThenCreditAccountMustExist()
    {
        assertEquals(DEBIT_ACCOUNT_NOT_FOUND, transfer(1, 99, 98, 1));
        assertEquals(DEBIT_ACCOUNT_NOT_FOUND, transfer(1, 0, CUSTOMER, 1));
        assertEquals(CREDIT_ACCOUNT_NOT_FOUND, transfer(1, OPERATOR, 98, 1));
        assertEquals(CREDIT_ACCOUNT_NOT_FOUND, transfer(1, OPERATOR, 0, 1));
        assertEquals(DEBIT_ACCOUNT_NOT_FOUND, ledger.createTransfer(1, 99, 0, 0, 0, FLAG_POST_PENDING, 9, 0, 0, T0));
        assertEquals(CREDIT_ACCOUNT_NOT_FOUND, ledger.createTransfer(1, 0, 98, 0, 0, FLAG_POST_PENDING, 9, 0, 0, T0));
    }

    @Test
    void currencyMustMatchBothAccounts()
    {
        assertEquals(CURRENCY_MISMATCH, ledger.createTransfer(1, OPERATOR, CUSTOMER, 1, USD, 0, 0, 0, 0, T0));
        assertEquals(CURRENCY_MISMATCH, ledger.createTransfer(1, OPERATOR, DOLLARS, 1, EGP, 0, 0, 0, 0, T0));
        assertEquals(CURRENCY_MISMATCH, ledger.createTransfer(1, OPERATOR, CUSTOMER, 1, 0, 0, 0, 0, 0, T0));
    }

    @Test
    void postOrVoidCurrencyIsCheckedAgainstInheritedAccounts()
    {
        assertEquals(OK, hold(20, OPERATOR, CUSTOMER, 100, 0));
        assertEquals(CURRENCY_MISMATCH, ledger.createTransfer(21, 0, 0, 0, USD, FLAG_POST_PENDING, 20, 0, 0, T0));
        assertEquals(CURRENCY_MISMATCH, ledger.createTransfer(21, DOLLARS, 0, 0, 0, FLAG_VOID_PENDING, 20, 0, 0, T0));
        assertEquals(OK, ledger.createTransfer(21, 0, 0, 0, EGP, FLAG_POST_PENDING, 20, 0, 0, T0));
    }

    @Test
    void pendingTransferMustExist()
    {
        assertEquals(PENDING_TRANSFER_NOT_FOUND, post(1, 9, 0, T0));
        assertEquals(PENDING_TRANSFER_NOT_FOUND, voidHold(1, 9, 0));
    }

    @Test
    void pendingTransferMustBePending()
    {
        assertEquals(OK, transfer(9, OPERATOR, CUSTOMER, 10));
        assertEquals(PENDING_TRANSFER_NOT_PENDING, post(1, 9, 0, T0));
        assertEquals(OK, hold(20, OPERATOR, CUSTOMER, 10, 0));
        assertEquals(OK, post(21, 20, 0, T0));
        assertEquals(PENDING_TRANSFER_NOT_PENDING, voidHold(22, 21, 0));
    }

    @Test
    void postThenPostOrVoidAgainIsRejected()
    {
        assertEquals(OK, hold(20, OPERATOR, CUSTOMER, 100, 0));
        assertEquals(OK, post(21, 20, 40, T0));
        assertEquals(PENDING_TRANSFER_ALREADY_POSTED, post(22, 20, 0, T0));
        assertEquals(PENDING_TRANSFER_ALREADY_POSTED, voidHold(23, 20, 0));
        assertBalances(OPERATOR, 0, 40, 0, 0);
        assertBalances(CUSTOMER, 0, 0, 0, 40);
    }

    @Test
    void voidThenPostOrVoidAgainIsRejected()
    {
        assertEquals(OK, hold(20, OPERATOR, CUSTOMER, 100, 0));
        assertEquals(OK, voidHold(21, 20, 100));
        assertEquals(PENDING_TRANSFER_ALREADY_VOIDED, post(22, 20, 0, T0));
        assertEquals(PENDING_TRANSFER_ALREADY_VOIDED, voidHold(23, 20, 0));
        assertBalances(OPERATOR, 0, 0, 0, 0);
        assertBalances(CUSTOMER, 0, 0, 0, 0);
        assertEquals(TransferState.PENDING_VOIDED, ledger.transferState(20));
        assertEquals(TransferState.VOID_OF_PENDING, ledger.transferState(21));
        assertEquals(100, ledger.transferAmount(21));
    }

    @Test
    void expiredHoldCannotBePostedBeforeOrAfterItIsReleased()
    {
        assertEquals(OK, hold(20, OPERATOR, CUSTOMER, 100, 50));
        assertEquals(T0 + 50, ledger.transferExpiresAt(20));

        assertEquals(OK, post(21, 20, 1, T0 + 49));
        assertEquals(OK, hold(30, OPERATOR, CUSTOMER, 100, 50));
        assertEquals(PENDING_TRANSFER_EXPIRED, post(31, 30, 0, T0 + 50));
        assertBalances(CUSTOMER, 0, 0, 100, 1);

        assertEquals(1, ledger.expirePending(T0 + 50, null));
        assertEquals(PENDING_TRANSFER_EXPIRED, post(31, 30, 0, T0 + 50));
        assertEquals(PENDING_TRANSFER_EXPIRED, voidHold(31, 30, 0));
        assertEquals(TransferState.PENDING_EXPIRED, ledger.transferState(30));
        assertBalances(CUSTOMER, 0, 0, 0, 1);
    }

    @Test
    void postOrVoidMustNameThePendingAccounts()
    {
        assertEquals(OK, hold(20, OPERATOR, CUSTOMER, 100, 0));
        assertEquals(PENDING_TRANSFER_HAS_DIFFERENT_ACCOUNTS,
            ledger.createTransfer(21, MERCHANT, 0, 0, 0, FLAG_POST_PENDING, 20, 0, 0, T0));
        assertEquals(PENDING_TRANSFER_HAS_DIFFERENT_ACCOUNTS,
            ledger.createTransfer(21, 0, MERCHANT, 0, 0, FLAG_VOID_PENDING, 20, 0, 0, T0));
        assertEquals(PENDING_TRANSFER_HAS_DIFFERENT_ACCOUNTS,
            ledger.createTransfer(21, CUSTOMER, OPERATOR, 0, 0, FLAG_VOID_PENDING, 20, 0, 0, T0));
        assertEquals(OK, ledger.createTransfer(21, OPERATOR, CUSTOMER, 0, EGP, FLAG_POST_PENDING, 20, 0, 0, T0));
    }

    @Test
    void postCannotExceedPendingAmountAndVoidMustMatchIt()
    {
        assertEquals(OK, hold(20, OPERATOR, CUSTOMER, 100, 0));
        assertEquals(EXCEEDS_PENDING_AMOUNT, post(21, 20, 101, T0));
        assertEquals(EXCEEDS_PENDING_AMOUNT, voidHold(21, 20, 101));
        assertEquals(EXCEEDS_PENDING_AMOUNT, voidHold(21, 20, 99));
        assertEquals(OK, post(21, 20, 100, T0));
    }

    @Test
    void exceedsCreditsHonoursCreditLimitExactly()
    {
        assertEquals(OK, transfer(1, OPERATOR, CUSTOMER, 500));
        assertEquals(EXCEEDS_CREDITS, transfer(2, CUSTOMER, MERCHANT, 501));
        assertEquals(OK, hold(3, CUSTOMER, MERCHANT, 300, 0));
        assertEquals(EXCEEDS_CREDITS, transfer(4, CUSTOMER, MERCHANT, 201));
        assertEquals(OK, transfer(4, CUSTOMER, MERCHANT, 200));
        assertBalances(CUSTOMER, 300, 200, 0, 500);

        assertEquals(OK, transfer(5, OVERDRAFT, MERCHANT, 100));
        assertEquals(EXCEEDS_CREDITS, transfer(6, OVERDRAFT, MERCHANT, 1));
        assertNull(ledger.checkInvariants());
    }

    @Test
    void exceedsDebits()
    {
        assertEquals(EXCEEDS_DEBITS, transfer(1, OPERATOR, CREDIT_ONLY, 1));
        assertEquals(OK, transfer(2, CREDIT_ONLY, OPERATOR, 70));
        assertEquals(OK, hold(3, OPERATOR, CREDIT_ONLY, 50, 0));
        assertEquals(EXCEEDS_DEBITS, transfer(4, OPERATOR, CREDIT_ONLY, 21));
        assertEquals(OK, transfer(4, OPERATOR, CREDIT_ONLY, 20));
        assertNull(ledger.checkInvariants());
    }

    @Test
    void overflowOfABalanceIsRejected()
    {
        assertEquals(OK, transfer(1, OPERATOR, MERCHANT, Long.MAX_VALUE));
        assertEquals(OVERFLOW, transfer(2, OPERATOR, CUSTOMER, 1));
        assertEquals(OVERFLOW, hold(2, OVERDRAFT, MERCHANT, 1, 0));
        assertEquals(OVERFLOW, hold(2, OPERATOR, CUSTOMER, 1, 0));
        assertBalances(OPERATOR, 0, Long.MAX_VALUE, 0, 0);
        assertBalances(CUSTOMER, 0, 0, 0, 0);
    }

    @Test
    void overflowOfTheExpiryTimeIsRejected()
    {
        assertEquals(OVERFLOW, ledger.createTransfer(1, OPERATOR, CUSTOMER, 1, EGP, FLAG_PENDING, 0, Long.MAX_VALUE, 0, T0));
        assertEquals(TransferState.NONE, ledger.transferState(1));
    }

    @Test
    void exceedsCreditsTakesPrecedenceOverOverflow()
    {
        assertEquals(OK, transfer(1, OPERATOR, CUSTOMER, Long.MAX_VALUE));
        assertEquals(OK, transfer(2, CUSTOMER, MERCHANT, Long.MAX_VALUE));
        assertEquals(EXCEEDS_CREDITS, transfer(3, CUSTOMER, MERCHANT, 1));
    }

    @Test
    void earliestFailingRuleWins()
    {
        assertEquals(ID_MUST_NOT_BE_ZERO, ledger.createTransfer(0, 0, 0, -1, 0, 7, 0, -1, 0, T0));
        assertEquals(FLAGS_ARE_MUTUALLY_EXCLUSIVE, ledger.createTransfer(1, 0, 0, -1, 0, 7, 0, -1, 0, T0));
        assertEquals(PENDING_ID_MUST_BE_ZERO, ledger.createTransfer(1, 0, 0, -1, 0, 0, 3, -1, 0, T0));
        assertEquals(TIMEOUT_RESERVED_FOR_PENDING, ledger.createTransfer(1, 5, 5, -1, 0, 0, 0, 1, 0, T0));
        assertEquals(AMOUNT_MUST_BE_POSITIVE, ledger.createTransfer(1, 5, 5, -1, 0, 0, 0, 0, 0, T0));
        assertEquals(ACCOUNTS_MUST_BE_DIFFERENT, ledger.createTransfer(1, 99, 99, 1, 0, 0, 0, 0, 0, T0));
        assertEquals(DEBIT_ACCOUNT_NOT_FOUND, ledger.createTransfer(1, 99, 98, 1, 0, 0, 0, 0, 0, T0));
        assertEquals(CURRENCY_MISMATCH, ledger.createTransfer(1, OPERATOR, DOLLARS, 1, 0, FLAG_POST_PENDING, 77, 0, 0, T0));
    }

    @Test
    void partialPostReleasesTheRemainder()
    {
        assertEquals(OK, hold(20, OPERATOR, CUSTOMER, 100, 1_000));
        assertBalances(OPERATOR, 100, 0, 0, 0);
        assertBalances(CUSTOMER, 0, 0, 100, 0);
        assertEquals(TransferState.PENDING, ledger.transferState(20));

        assertEquals(OK, post(21, 20, 30, T0 + 10));

        assertBalances(OPERATOR, 0, 30, 0, 0);
        assertBalances(CUSTOMER, 0, 0, 0, 30);
        assertEquals(TransferState.PENDING_POSTED, ledger.transferState(20));
        assertEquals(TransferState.POST_OF_PENDING, ledger.transferState(21));
        assertEquals(30, ledger.pendingPostedAmount(20));
        assertEquals(30, ledger.transferAmount(21));
        assertEquals(100, ledger.transferAmount(20));
        assertEquals(0, ledger.expirePending(T0 + 1_000, null), "a posted hold never expires");
        assertNull(ledger.checkInvariants());
    }

    @Test
    void postWithZeroAmountPostsTheFullPendingAmount()
    {
        assertEquals(OK, hold(20, OPERATOR, CUSTOMER, 100, 0));
        assertEquals(OK, post(21, 20, 0, T0));
        assertEquals(100, ledger.pendingPostedAmount(20));
        assertEquals(100, ledger.transferAmount(21));
        assertBalances(CUSTOMER, 0, 0, 0, 100);
    }

    @Test
    void voidWithZeroAmountReleasesTheHold()
    {
        assertEquals(OK, transfer(1, OPERATOR, CUSTOMER, 100));
        assertEquals(OK, hold(20, CUSTOMER, MERCHANT, 100, 0));
        assertEquals(EXCEEDS_CREDITS, transfer(2, CUSTOMER, MERCHANT, 1));
        assertEquals(OK, voidHold(21, 20, 0));
        assertEquals(0, ledger.pendingPostedAmount(20));
        assertEquals(OK, transfer(2, CUSTOMER, MERCHANT, 100));
        assertBalances(CUSTOMER, 0, 100, 0, 100);
    }

    @Test
    void rejectedTransferIsNotRememberedSoItsRetryIsEvaluatedAgain()
    {
        assertEquals(EXCEEDS_CREDITS, transfer(5, CUSTOMER, MERCHANT, 10));
        assertEquals(TransferState.NONE, ledger.transferState(5));
        assertEquals(OK, transfer(1, OPERATOR, CUSTOMER, 10));
        assertEquals(OK, transfer(5, CUSTOMER, MERCHANT, 10));
    }
}

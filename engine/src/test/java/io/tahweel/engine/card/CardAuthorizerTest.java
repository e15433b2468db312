package io.tahweel.engine.card;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.core.StateHash;
import io.tahweel.engine.core.TransferIds;
import io.tahweel.engine.ledger.Ledger;
import io.tahweel.engine.ledger.TransferState;
import io.tahweel.engine.testing.CoreDriver;
import io.tahweel.engine.testing.Scenario;
import io.tahweel.engine.testing.TestCommands;
import io.tahweel.sbe.AuthorizationResult;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.CardStatus;
import io.tahweel.sbe.ParticipantStatus;
import io.tahweel.sbe.TransferResult;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.tahweel.engine.testing.Scenario.*;
import static io.tahweel.sbe.AuthorizationResult.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CardAuthorizerTest
{
    private static final long DATE_TIME = 1125120000L;
    private static final String RRN = "000000000001";

    private final TestCommands commands = new TestCommands();
    private CoreDriver driver;
    private Ledger ledger;
    private int nextStan = 100;

    @BeforeEach
    void setUp()
    {
        driver = Scenario.driver(commands);
        ledger = driver.core().ledger();
    }

    @Test
    void approvalHoldsFundsFromCardToIssuerSettlement()
    {
        final Outcome outcome = authorize(ACQUIRER, 1, CARD, 25_00);
        assertResult(APPROVED, outcome);
        assertEquals(HOSTED_BANK, outcome.issuerId());
        assertEquals(25_00, outcome.amount());
        assertEquals(25_00, ledger.debitsPending(CARD_ACCOUNT));
        assertEquals(25_00, ledger.creditsPending(BANK_SETTLEMENT));
        assertNull(ledger.checkInvariants());
    }

    @Test
    void completionPostsAndPartialCompletionReleasesTheRest()
    {
        assertResult(APPROVED, authorize(ACQUIRER, 1, CARD, 40_00));
        assertResult(APPROVED, driver.apply(commands.complete(ACQUIRER, 2, DATE_TIME + 1, 1, DATE_TIME, RRN, 30_00)));
        assertEquals(0, ledger.debitsPending(CARD_ACCOUNT));
        assertEquals(30_00, ledger.debitsPosted(CARD_ACCOUNT));
        assertEquals(30_00, ledger.creditsPosted(BANK_SETTLEMENT));
        assertResult(ORIGINAL_ALREADY_COMPLETED,
            driver.apply(commands.complete(ACQUIRER, 3, DATE_TIME + 2, 1, DATE_TIME, RRN, 30_00)));
    }

    @Test
    void completionAboveTheHoldIsRefusedAndChangesNothing()
    {
        assertResult(APPROVED, authorize(ACQUIRER, 1, CARD, 40_00));
        final StateHash before = driver.core().stateHash();
        final Outcome outcome = driver.apply(commands.complete(ACQUIRER, 2, DATE_TIME + 1, 1, DATE_TIME, RRN, 40_01));
        assertResult(INVALID_AMOUNT, outcome);
        assertEquals(40_00, ledger.debitsPending(CARD_ACCOUNT));
        assertEquals(before.hex().length(), driver.core().stateHash().hex().length());
    }

    @Test
    void fullReversalVoidsTheHold()
    {
        assertResult(APPROVED, authorize(ACQUIRER, 1, CARD, 40_00));
        final Outcome outcome = driver.apply(commands.reverse(ACQUIRER, 2, DATE_TIME + 1, 1, DATE_TIME, RRN, 0));
        assertResult(APPROVED, outcome);
        assertEquals(0, outcome.amount());
        assertEquals(0, ledger.debitsPending(CARD_ACCOUNT));
        assertEquals(0, ledger.debitsPosted(CARD_ACCOUNT));
        assertResult(ORIGINAL_ALREADY_REVERSED,
            driver.apply(commands.complete(ACQUIRER, 3, DATE_TIME + 2, 1, DATE_TIME, RRN, 10_00)));
    }

    @Test
    void partialReversalReholdsTheReplacementAmount()
    {
        assertResult(APPROVED, authorize(ACQUIRER, 1, CARD, 40_00));
        final Outcome outcome = driver.apply(commands.reverse(ACQUIRER, 2, DATE_TIME + 1, 1, DATE_TIME, RRN, 15_00));
        assertResult(APPROVED, outcome);
        assertEquals(15_00, outcome.amount());
        assertEquals(15_00, ledger.debitsPending(CARD_ACCOUNT));
        assertResult(INVALID_AMOUNT,
            driver.apply(commands.complete(ACQUIRER, 3, DATE_TIME + 2, 1, DATE_TIME, RRN, 15_01)));
        assertResult(APPROVED, driver.apply(commands.complete(ACQUIRER, 4, DATE_TIME + 3, 1, DATE_TIME, RRN, 15_00)));
        assertEquals(15_00, ledger.debitsPosted(CARD_ACCOUNT));
        assertNull(ledger.checkInvariants());
    }

    @Test
    void reversalAfterCompletionRefundsTheCard()
    {
        assertResult(APPROVED, authorize(ACQUIRER, 1, CARD, 40_00));
        assertResult(APPROVED, driver.apply(commands.complete(ACQUIRER, 2, DATE_TIME + 1, 1, DATE_TIME, RRN, 40_00)));
        assertResult(APPROVED, driver.apply(commands.reverse(ACQUIRER, 3, DATE_TIME + 2, 1, DATE_TIME, RRN, 10_00)));
        assertEquals(40_00, ledger.debitsPosted(CARD_ACCOUNT));
        assertEquals(30_00, ledger.creditsPosted(CARD_ACCOUNT) - FUNDS);
        assertEquals(FUNDS - 10_00, balance(CARD_ACCOUNT));
    }

    @Test
    void singleMessagePostsAtOnceAndCannotBeCompleted()
    {
        final Outcome outcome = driver.apply(commands.authorize(ACQUIRER, 1, DATE_TIME, RRN, CARD, 12_00, EGP, EXPIRY,
            CaptureMode.SINGLE_MESSAGE, false));
        assertResult(APPROVED, outcome);
        assertEquals(12_00, ledger.debitsPosted(CARD_ACCOUNT));
        assertEquals(0, ledger.debitsPending(CARD_ACCOUNT));
        assertResult(ORIGINAL_ALREADY_COMPLETED,
            driver.apply(commands.complete(ACQUIRER, 2, DATE_TIME + 1, 1, DATE_TIME, RRN, 12_00)));
    }

    @Test
    void reversalOfAnUnknownOriginalChangesNoBalance()
    {
        final StateHash before = driver.core().stateHash();
        assertResult(ORIGINAL_NOT_FOUND, driver.apply(commands.reverse(ACQUIRER, 9, DATE_TIME, 8, DATE_TIME, RRN, 0)));
        assertEquals(0, ledger.debitsPending(CARD_ACCOUNT));
        assertEquals(FUNDS, balance(CARD_ACCOUNT));
        assertFalse(before.equals(driver.core().stateHash()), "the answer itself is remembered for retransmissions");
    }

    @Test
    void repeatGetsTheOriginalAnswerAndNoSecondHold()
    {
        final byte[] request = commands.authorize(ACQUIRER, 1, DATE_TIME, RRN, CARD, 20_00, EGP, EXPIRY,
            CaptureMode.DUAL_MESSAGE, false);
        final long authorizationId = driver.apply(request).authorizationId();
        final Outcome repeat = driver.apply(commands.authorize(ACQUIRER, 1, DATE_TIME, RRN, CARD, 20_00, EGP, EXPIRY,
            CaptureMode.DUAL_MESSAGE, true));
        assertResult(APPROVED, repeat);
        assertTrue(repeat.repeat());
        assertEquals(authorizationId, repeat.authorizationId());
        assertEquals(20_00, ledger.debitsPending(CARD_ACCOUNT));
    }

    @Test
    void duplicateNotMarkedAsRepeatIsRejectedAndChangesNothing()
    {
        final byte[] request = commands.authorize(ACQUIRER, 1, DATE_TIME, RRN, CARD, 20_00, EGP, EXPIRY,
            CaptureMode.DUAL_MESSAGE, false);
        assertResult(APPROVED, driver.apply(request));
        assertResult(DUPLICATE_TRANSMISSION, driver.apply(request));
        assertEquals(20_00, ledger.debitsPending(CARD_ACCOUNT));
    }

    @Test
    void repeatedReversalGetsTheSameAnswer()
    {
        assertResult(APPROVED, authorize(ACQUIRER, 1, CARD, 40_00));
        final byte[] reversal = commands.reverse(ACQUIRER, 2, DATE_TIME + 1, 1, DATE_TIME, RRN, 0);
        assertResult(APPROVED, driver.apply(reversal));
        final Outcome again = driver.apply(reversal);
        assertResult(APPROVED, again);
        assertTrue(again.repeat());
        assertEquals(0, ledger.debitsPending(CARD_ACCOUNT));
    }

    @Test
    void holdIsReleasedByATimerTickAfterTheIssuerTimeout()
    {
        assertResult(APPROVED, authorize(ACQUIRER, 1, CARD, 40_00));
        driver.advanceSeconds(HOLD_TIMEOUT_SECONDS - 1).apply(commands.tick());
        assertEquals(40_00, ledger.debitsPending(CARD_ACCOUNT));
        driver.advanceSeconds(1).apply(commands.tick());
        assertEquals(0, ledger.debitsPending(CARD_ACCOUNT));
        assertResult(ORIGINAL_ALREADY_REVERSED,
            driver.apply(commands.complete(ACQUIRER, 2, DATE_TIME + 1, 1, DATE_TIME, RRN, 40_00)));
    }

    @Test
    void anExpiredHoldMarksItsAuthorizationExpired()
    {
        assertResult(APPROVED, authorize(ACQUIRER, 1, CARD, 40_00));
        final int slot = book().find(key(1));
        assertEquals(AuthorizationBook.STATE_HELD, book().state(slot));
        driver.advanceSeconds(HOLD_TIMEOUT_SECONDS).apply(commands.tick());
        assertEquals(AuthorizationBook.STATE_EXPIRED, book().state(slot));
    }

    @Test
    void theHoldLeftByAPartialReversalExpiresItsAuthorizationToo()
    {
        assertResult(APPROVED, authorize(ACQUIRER, 1, CARD, 40_00));
        assertResult(APPROVED, driver.apply(commands.reverse(ACQUIRER, 2, DATE_TIME + 1, 1, DATE_TIME, RRN, 15_00)));
        final int slot = book().find(key(1));
        driver.advanceSeconds(HOLD_TIMEOUT_SECONDS).apply(commands.tick());
        assertEquals(0, ledger.debitsPending(CARD_ACCOUNT));
        assertEquals(AuthorizationBook.STATE_EXPIRED, book().state(slot));
    }

    @Test
    void aCoreRestoredFromASnapshotExpiresTheHoldsItWasGiven()
    {
        assertResult(APPROVED, authorize(ACQUIRER, 1, CARD, 40_00));
        assertResult(APPROVED, authorize(ACQUIRER, 2, CARD, 10_00));
        assertResult(APPROVED, driver.apply(commands.reverse(ACQUIRER, 3, DATE_TIME + 1, 2, DATE_TIME, RRN, 4_00)));
        final CoreDriver restored = driver.restoredCopy();
        driver.advanceSeconds(HOLD_TIMEOUT_SECONDS).apply(commands.tick());
        restored.advanceSeconds(HOLD_TIMEOUT_SECONDS).apply(commands.tick());
        final AuthorizationBook restoredBook = restored.core().authorizations();
        assertEquals(AuthorizationBook.STATE_EXPIRED, restoredBook.state(restoredBook.find(key(1))));
        assertEquals(AuthorizationBook.STATE_EXPIRED, restoredBook.state(restoredBook.find(key(2))));
        assertEquals(driver.core().stateHash(), restored.core().stateHash());
    }

    @Test
    void aRestoreSkipsAHoldThatAnOperatorFinishedAndTheLedgerNoLongerHolds()
    {
        final TestCommands local = new TestCommands();
        final CoreDriver small = Scenario.driver(local, new CoreContext().transferCapacity(8));
        final Outcome held = small.apply(local.authorize(ACQUIRER, 1, DATE_TIME, RRN, CARD, 10_00, EGP, EXPIRY,
            CaptureMode.DUAL_MESSAGE, false));
        assertResult(APPROVED, held);
        final long hold = TransferIds.derived(held.authorizationId(), 0);
        assertEquals(TransferResult.OK.value(),
            small.apply(local.transfer(700, 0, 0, 0, 0, Ledger.FLAG_VOID_PENDING, hold, 0)).result());
        for (int id = 800; id < 810; id++)
        {
            small.apply(local.transfer(id, OPERATOR_ACCOUNT, CARD_ACCOUNT, 1, EGP, 0, 0, 0));
        }
        assertEquals(TransferState.NONE, small.core().ledger().transferState(hold));
        assertEquals(AuthorizationBook.STATE_HELD,
            small.core().authorizations().state(small.core().authorizations().find(key(1))));
        assertEquals(small.core().stateHash(), small.restoredCopy().core().stateHash());
    }

    @Test
    void declineReasons()
    {
        assertResult(INSUFFICIENT_FUNDS, authorizeNew(ACQUIRER, SMALL_CARD, SMALL_FUNDS + 1));
        assertEquals(0, ledger.debitsPending(SMALL_ACCOUNT));
        assertResult(EXCEEDS_TRANSACTION_LIMIT, authorizeNew(ACQUIRER, CARD, PER_TRANSACTION + 1));
        assertResult(INVALID_AMOUNT, authorizeNew(ACQUIRER, CARD, 0));
        assertResult(CARD_NOT_FOUND, authorizeNew(ACQUIRER, UNKNOWN_CARD, 1_00));
        assertResult(NO_ROUTE, authorizeNew(ACQUIRER, UNROUTED_CARD, 1_00));
        assertResult(ISSUER_UNAVAILABLE, authorizeNew(ACQUIRER, REMOTE_CARD, 1_00));
        assertResult(UNKNOWN_ACQUIRER, authorizeNew(REMOTE_BANK, CARD, 1_00));
        assertResult(UNKNOWN_ACQUIRER, authorizeNew(77, CARD, 1_00));
        assertResult(CURRENCY_NOT_SUPPORTED, driver.apply(commands.authorize(ACQUIRER, stan(), DATE_TIME, RRN, CARD,
            1_00, 840, EXPIRY, CaptureMode.DUAL_MESSAGE, false)));
        assertResult(CARD_EXPIRED, driver.apply(commands.authorize(ACQUIRER, stan(), DATE_TIME, RRN, CARD, 1_00, EGP,
            2901, CaptureMode.DUAL_MESSAGE, false)));
        assertEquals(0, ledger.debitsPending(CARD_ACCOUNT));
    }

    @Test
    void cardStatusDeclines()
    {
        final CardStatus[] statuses = {CardStatus.BLOCKED, CardStatus.LOST, CardStatus.STOLEN, CardStatus.CLOSED};
        final AuthorizationResult[] expected = {CARD_BLOCKED, CARD_LOST, CARD_STOLEN, CARD_CLOSED};
        for (int i = 0; i < statuses.length; i++)
        {
            driver.apply(commands.setCardStatus(CARD, statuses[i]));
            assertResult(expected[i], authorizeNew(ACQUIRER, CARD, 1_00));
        }
        driver.apply(commands.setCardStatus(CARD, CardStatus.ACTIVE));
        assertResult(APPROVED, authorizeNew(ACQUIRER, CARD, 1_00));
    }

    @Test
    void cardPastItsExpiryMonthIsDeclined()
    {
        // 2029-01-01T00:00:00Z: the card expired at the end of December 2028.
        driver.at(1_861_920_000_000_000_000L);
        assertResult(CARD_EXPIRED, authorizeNew(ACQUIRER, CARD, 1_00));
    }

    @Test
    void suspendedParticipantsAreDeclined()
    {
        driver.apply(commands.setParticipantStatus(ACQUIRER, ParticipantStatus.SUSPENDED));
        assertResult(ACQUIRER_SUSPENDED, authorizeNew(ACQUIRER, CARD, 1_00));
        driver.apply(commands.setParticipantStatus(ACQUIRER, ParticipantStatus.ACTIVE));
        driver.apply(commands.setParticipantStatus(HOSTED_BANK, ParticipantStatus.SUSPENDED));
        assertResult(ISSUER_UNAVAILABLE, authorizeNew(ACQUIRER, CARD, 1_00));
    }

    @Test
    void dailyCountAndAmountLimitsResetOnTheNextDay()
    {
        for (int i = 0; i < DAILY_COUNT; i++)
        {
            assertResult(APPROVED, authorizeNew(ACQUIRER, CARD, 1_00));
        }
        assertResult(EXCEEDS_DAILY_COUNT, authorizeNew(ACQUIRER, CARD, 1_00));
        driver.advanceSeconds(86_400);
        assertResult(APPROVED, authorizeNew(ACQUIRER, CARD, 1_00));

        driver.apply(commands.setCardLimits(CARD, PER_TRANSACTION, 100, 60_00));
        driver.advanceSeconds(86_400);
        assertResult(APPROVED, authorizeNew(ACQUIRER, CARD, 50_00));
        assertResult(EXCEEDS_DAILY_AMOUNT, authorizeNew(ACQUIRER, CARD, 10_01));
        assertResult(APPROVED, authorizeNew(ACQUIRER, CARD, 10_00));
    }

    @Test
    void reversalGivesBackTheDailyLimit()
    {
        driver.apply(commands.setCardLimits(CARD, PER_TRANSACTION, 100, 60_00));
        assertResult(APPROVED, authorize(ACQUIRER, 1, CARD, 60_00));
        assertResult(EXCEEDS_DAILY_AMOUNT, authorizeNew(ACQUIRER, CARD, 1_00));
        assertResult(APPROVED, driver.apply(commands.reverse(ACQUIRER, 2, DATE_TIME + 1, 1, DATE_TIME, RRN, 0)));
        assertResult(APPROVED, authorizeNew(ACQUIRER, CARD, 60_00));
    }

    @Test
    void fullBookDeclinesWithSystemErrorRatherThanGrowing()
    {
        final TestCommands local = new TestCommands();
        final CoreDriver small = Scenario.driver(local,
            new io.tahweel.engine.core.CoreContext().authorizationCapacity(4));
        // Capacity 4 keeps 1 slot for completions and reversals: 3 holds fill the book for new authorizations.
        for (int stan = 1; stan <= 3; stan++)
        {
            assertResult(APPROVED, small.apply(local.authorize(ACQUIRER, stan, DATE_TIME, RRN, CARD, 1_00, EGP, EXPIRY,
                CaptureMode.DUAL_MESSAGE, false)));
        }
        assertResult(SYSTEM_ERROR, small.apply(local.authorize(ACQUIRER, 4, DATE_TIME, RRN, CARD, 1_00, EGP, EXPIRY,
            CaptureMode.DUAL_MESSAGE, false)));
        assertEquals(3_00, small.core().ledger().debitsPending(CARD_ACCOUNT));
        // A finished record can be evicted: once the oldest hold is reversed there is room again.
        assertResult(APPROVED, small.apply(local.reverse(ACQUIRER, 90, DATE_TIME + 1, 1, DATE_TIME, RRN, 0)));
        assertResult(APPROVED, small.apply(local.authorize(ACQUIRER, 5, DATE_TIME, RRN, CARD, 1_00, EGP, EXPIRY,
            CaptureMode.DUAL_MESSAGE, false)));
    }

    private Outcome authorize(final int acquirer, final int stan, final String pan, final long amount)
    {
        return driver.apply(commands.authorize(acquirer, stan, DATE_TIME, RRN, pan, amount, EGP, EXPIRY,
            CaptureMode.DUAL_MESSAGE, false));
    }

    private Outcome authorizeNew(final int acquirer, final String pan, final long amount)
    {
        return driver.apply(commands.authorize(acquirer, stan(), DATE_TIME, RRN, pan, amount, EGP, 0,
            CaptureMode.DUAL_MESSAGE, false));
    }

    private AuthorizationBook book()
    {
        return driver.core().authorizations();
    }

    /** The key {@link #authorize} gives a message with this STAN. */
    private static MessageKey key(final int stan)
    {
        return new MessageKey().set(ACQUIRER, stan, DATE_TIME, new UnsafeBuffer(RRN.getBytes(StandardCharsets.US_ASCII)), 0);
    }

    private int stan()
    {
        return nextStan++;
    }

    private long balance(final long account)
    {
        return ledger.creditsPosted(account) - ledger.debitsPosted(account);
    }

    private static void assertResult(final AuthorizationResult expected, final Outcome outcome)
    {
        assertEquals(Outcome.AUTHORIZATION, outcome.type(), outcome.toString());
        assertEquals(expected, AuthorizationResult.get(outcome.result()), outcome.toString());
    }
}

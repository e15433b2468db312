package io.tahweel.engine.card;

import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.testing.CoreDriver;
import io.tahweel.engine.testing.Scenario;
import io.tahweel.engine.testing.TestCommands;
import io.tahweel.sbe.AdminResult;
import io.tahweel.sbe.AuthorizationResult;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.StoreAndForwardKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tahweel.engine.testing.Scenario.*;
import static io.tahweel.sbe.AuthorizationResult.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forwarding to a remote issuer, its answers, time-outs, stand-in, advices and late responses. */
class RemoteIssuingTest
{
    private static final long DATE_TIME = 1125120000L;
    private static final long PURCHASES = 1L; // transaction type 00
    private static final long TIMEOUT_MS = 2_000;

    private final TestCommands commands = new TestCommands();
    private CoreDriver driver;
    private int stan = 500;

    @BeforeEach
    void setUp()
    {
        driver = Scenario.driver(commands);
        assertEquals(AdminResult.OK.value(),
            driver.apply(commands.configureStandIn(REMOTE_BANK, TIMEOUT_MS, true, 100_00, 150_00, PURCHASES)).result());
    }

    @Test
    void forwardsWhileTheLinkIsUpAndAnswersTheOriginalRequestWithTheIssuersResponse()
    {
        driver.apply(commands.issuerLink(REMOTE_BANK, true));
        final Outcome forwarded = authorize(REMOTE_CARD, 40_00, CaptureMode.DUAL_MESSAGE);
        final int requestStan = stan - 1;
        assertEquals(Outcome.NONE, forwarded.type(), "the acquirer is not answered yet");
        assertEquals(1, forwarded.actionCount());
        assertEquals(Outcome.ACTION_FORWARD, forwarded.actionKind(0));
        assertEquals(REMOTE_BANK, forwarded.actionIssuer(0));
        final long authorizationId = forwarded.actionAuthorizationId(0);
        assertEquals(forwarded.sequence(), authorizationId);
        assertEquals(requestStan, forwarded.actionCorrelationId(0));

        final Outcome answer = driver.apply(commands.issuerResponse(REMOTE_BANK, authorizationId, "00"));
        assertAuthorization(APPROVED, answer);
        assertEquals(requestStan, answer.correlationId(), "answered to the original request");
        assertEquals(authorizationId, answer.authorizationId());
        assertEquals(0, driver.core().ledger().debitsPending(CARD_ACCOUNT), "remote issuers hold funds themselves");

        final Outcome late = driver.apply(commands.issuerResponse(REMOTE_BANK, authorizationId, "00"));
        assertEquals(Outcome.NONE, late.type(), "a second response changes nothing");
    }

    @Test
    void issuerDeclinePassesTheIssuersOwnCode()
    {
        driver.apply(commands.issuerLink(REMOTE_BANK, true));
        final long authorizationId = authorize(REMOTE_CARD, 40_00, CaptureMode.DUAL_MESSAGE).actionAuthorizationId(0);
        final Outcome answer = driver.apply(commands.issuerResponse(REMOTE_BANK, authorizationId, "51"));
        assertAuthorization(INSUFFICIENT_FUNDS, answer);
        assertEquals(('5' << 8) | '1', answer.issuerResponseCode());
        final Outcome other = driver.apply(commands.issuerResponse(REMOTE_BANK,
            authorize(REMOTE_CARD, 1_00, CaptureMode.DUAL_MESSAGE).actionAuthorizationId(0), "05"));
        assertAuthorization(ISSUER_DECLINED, other);
    }

    @Test
    void timeOutStandsInWithinLimitsAndOwesTheIssuerAnAdviceUntilAcknowledged()
    {
        driver.apply(commands.issuerLink(REMOTE_BANK, true));
        final long within = authorize(REMOTE_CARD, 90_00, CaptureMode.DUAL_MESSAGE).actionAuthorizationId(0);
        final long over = authorize(REMOTE_CARD, 100_01, CaptureMode.DUAL_MESSAGE).actionAuthorizationId(0);
        driver.advanceSeconds(1);
        assertEquals(0, driver.apply(commands.tick()).actionCount(), "not yet timed out");
        driver.advanceSeconds(1);
        final Outcome tick = driver.apply(commands.tick());
        assertEquals(3, tick.actionCount(), "two answers, then the advice owed for the approval");
        assertAction(tick, 0, Outcome.ACTION_ANSWER, within, APPROVED.value());
        assertAction(tick, 1, Outcome.ACTION_ANSWER, over, ISSUER_UNAVAILABLE.value());
        assertAction(tick, 2, Outcome.ACTION_STORE_AND_FORWARD, within, StoreAndForwardKind.STAND_IN_ADVICE.value());

        driver.advanceSeconds(1);
        assertEquals(0, driver.apply(commands.tick()).actionCount(), "retried only after the retry interval");
        driver.advanceSeconds(5);
        assertAction(driver.apply(commands.tick()), 0, Outcome.ACTION_STORE_AND_FORWARD, within,
            StoreAndForwardKind.STAND_IN_ADVICE.value());
        driver.apply(commands.acknowledged(REMOTE_BANK, within, StoreAndForwardKind.STAND_IN_ADVICE));
        driver.advanceSeconds(10);
        assertEquals(0, driver.apply(commands.tick()).actionCount(), "acknowledged: nothing more owed");
    }

    @Test
    void linkDownStandsInAtOnceAndAdvicesWaitForTheLink()
    {
        final Outcome answer = authorize(REMOTE_CARD, 20_00, CaptureMode.DUAL_MESSAGE);
        assertAuthorization(APPROVED, answer);
        final long authorizationId = answer.authorizationId();
        driver.advanceSeconds(10);
        assertEquals(0, driver.apply(commands.tick()).actionCount(), "link down: the advice waits");
        driver.apply(commands.issuerLink(REMOTE_BANK, true));
        assertAction(driver.apply(commands.tick()), 0, Outcome.ACTION_STORE_AND_FORWARD, authorizationId,
            StoreAndForwardKind.STAND_IN_ADVICE.value());
    }

    @Test
    void linkGoingDownStandsInForEverythingWaitingOnIt()
    {
        driver.apply(commands.issuerLink(REMOTE_BANK, true));
        final long first = authorize(REMOTE_CARD, 10_00, CaptureMode.DUAL_MESSAGE).actionAuthorizationId(0);
        final long second = authorize(REMOTE_CARD, 10_00, CaptureMode.SINGLE_MESSAGE).actionAuthorizationId(0);
        final Outcome down = driver.apply(commands.issuerLink(REMOTE_BANK, false));
        assertAction(down, 0, Outcome.ACTION_ANSWER, first, APPROVED.value());
        assertAction(down, 1, Outcome.ACTION_ANSWER, second, ISSUER_UNAVAILABLE.value());
        assertEquals(2, down.actionCount(), "single-message financials are never stood in for");
    }

    @Test
    void stoodInDailyLimitPerCard()
    {
        assertAuthorization(APPROVED, authorize(REMOTE_CARD, 100_00, CaptureMode.DUAL_MESSAGE));
        assertAuthorization(ISSUER_UNAVAILABLE, authorize(REMOTE_CARD, 50_01, CaptureMode.DUAL_MESSAGE));
        assertAuthorization(APPROVED, authorize(REMOTE_CARD, 50_00, CaptureMode.DUAL_MESSAGE));
        driver.advanceSeconds(86_400);
        assertAuthorization(APPROVED, authorize(REMOTE_CARD, 100_00, CaptureMode.DUAL_MESSAGE));
    }

    @Test
    void lateIssuerApprovalAfterAStandInDeclineIsReversedToTheIssuer()
    {
        driver.apply(commands.issuerLink(REMOTE_BANK, true));
        final long authorizationId = authorize(REMOTE_CARD, 100_01, CaptureMode.DUAL_MESSAGE).actionAuthorizationId(0);
        driver.advanceSeconds(3);
        assertAction(driver.apply(commands.tick()), 0, Outcome.ACTION_ANSWER, authorizationId, ISSUER_UNAVAILABLE.value());
        assertEquals(Outcome.NONE, driver.apply(commands.issuerResponse(REMOTE_BANK, authorizationId, "00")).type());
        assertAction(driver.apply(commands.tick()), 0, Outcome.ACTION_STORE_AND_FORWARD, authorizationId,
            StoreAndForwardKind.REVERSAL_ADVICE.value());
    }

    @Test
    void completionAndReversalOfARemoteAuthorizationClearAndOweTheIssuerAdvices()
    {
        driver.apply(commands.issuerLink(REMOTE_BANK, true));
        final int originalStan = stan;
        final long authorizationId = authorize(REMOTE_CARD, 40_00, CaptureMode.DUAL_MESSAGE).actionAuthorizationId(0);
        driver.apply(commands.issuerResponse(REMOTE_BANK, authorizationId, "00"));

        final Outcome completion = driver.apply(commands.complete(ACQUIRER, 900, DATE_TIME + 1, originalStan, DATE_TIME,
            "RRN" + originalStan, 30_00));
        assertAuthorization(APPROVED, completion);
        assertEquals(30_00, completion.clearedAmount());
        final Outcome reversal = driver.apply(commands.reverse(ACQUIRER, 901, DATE_TIME + 2, originalStan, DATE_TIME,
            "RRN" + originalStan, 0));
        assertAuthorization(APPROVED, reversal);
        assertEquals(-30_00, reversal.clearedAmount());

        final Outcome tick = driver.apply(commands.tick());
        assertAction(tick, 0, Outcome.ACTION_STORE_AND_FORWARD, authorizationId,
            StoreAndForwardKind.COMPLETION_ADVICE.value());
        assertAction(tick, 1, Outcome.ACTION_STORE_AND_FORWARD, authorizationId,
            StoreAndForwardKind.REVERSAL_ADVICE.value());
    }

    @Test
    void repeatWhileWaitingForTheIssuerIsExplicitlyNotAnswered()
    {
        driver.apply(commands.issuerLink(REMOTE_BANK, true));
        authorize(REMOTE_CARD, 10_00, CaptureMode.DUAL_MESSAGE);
        final Outcome repeat = driver.apply(commands.authorize(ACQUIRER, stan - 1, DATE_TIME, "RRN" + (stan - 1),
            REMOTE_CARD, 10_00, EGP, EXPIRY, CaptureMode.DUAL_MESSAGE, true));
        assertEquals(Outcome.NONE, repeat.type());
        assertEquals(1, repeat.actionCount());
        assertEquals(Outcome.ACTION_NOT_ANSWERED, repeat.actionKind(0));
        assertEquals(stan - 1, repeat.actionCorrelationId(0), "names the repeat, so the gateway can release it");
    }

    @Test
    void standInStateSurvivesSnapshotAndRestore()
    {
        driver.apply(commands.issuerLink(REMOTE_BANK, true));
        authorize(REMOTE_CARD, 10_00, CaptureMode.DUAL_MESSAGE);
        final CoreDriver again = driver.restoredCopy();
        assertEquals(driver.core().stateHash(), again.core().stateHash());
        again.advanceSeconds(3);
        driver.advanceSeconds(3);
        final Outcome live = driver.apply(commands.tick());
        final Outcome replayed = again.apply(commands.tick());
        assertEquals(live.actionCount(), replayed.actionCount());
        assertTrue(live.actionCount() > 0);
        assertFalse(live.actionAuthorizationId(0) == 0);
        assertEquals(live.actionAuthorizationId(0), replayed.actionAuthorizationId(0));
    }

    private Outcome authorize(final String pan, final long amount, final CaptureMode mode)
    {
        final int messageStan = stan++;
        return driver.apply(commands.authorize(ACQUIRER, messageStan, DATE_TIME, "RRN" + messageStan, pan, amount, EGP,
            EXPIRY, mode, false));
    }

    private static void assertAuthorization(final AuthorizationResult expected, final Outcome outcome)
    {
        assertEquals(Outcome.AUTHORIZATION, outcome.type(), outcome.toString());
        assertEquals(expected, AuthorizationResult.get(outcome.result()), outcome.toString());
    }

    private static void assertAction(final Outcome outcome, final int index, final byte kind, final long authorizationId,
        final int code)
    {
        assertTrue(outcome.actionCount() > index, outcome.toString());
        assertEquals(kind, outcome.actionKind(index), "action kind " + index);
        assertEquals(authorizationId, outcome.actionAuthorizationId(index), "action authorization " + index);
        assertEquals(code, outcome.actionCode(index), "action code " + index);
    }
}

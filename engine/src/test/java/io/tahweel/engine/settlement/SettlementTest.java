package io.tahweel.engine.settlement;

import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.ledger.Ledger;
import io.tahweel.engine.testing.CoreDriver;
import io.tahweel.engine.testing.Scenario;
import io.tahweel.engine.testing.TestCommands;
import io.tahweel.sbe.AccountKind;
import io.tahweel.sbe.AdminResult;
import io.tahweel.sbe.AuthorizationResult;
import io.tahweel.sbe.CaptureMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tahweel.engine.testing.Scenario.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Clearing into windows, fees, and the cut-off that posts net positions to the ledger. */
class SettlementTest
{
    static final long FEE_ACCOUNT = 9900;
    static final int BPS = 100; // 1%
    static final long ACQUIRER_FEE = 10;
    static final long ISSUER_FEE = 5;
    private static final long DATE_TIME = 1125120000L;
    private static final String RRN = "000000000001";

    private final TestCommands commands = new TestCommands();
    private CoreDriver driver;
    private Ledger ledger;

    @BeforeEach
    void setUp()
    {
        driver = Scenario.driver(commands);
        ledger = driver.core().ledger();
        configure(driver, commands);
    }

    static void configure(final CoreDriver driver, final TestCommands commands)
    {
        assertAdmin(AdminResult.OK,
            driver.apply(commands.openAccount(FEE_ACCOUNT, HOSTED_BANK, EGP, false, AccountKind.FEE, 0)));
        assertAdmin(AdminResult.OK, driver.apply(
            commands.configureSettlement(EGP, OPERATOR_ACCOUNT, FEE_ACCOUNT, BPS, 0, ACQUIRER_FEE, ISSUER_FEE)));
    }

    @Test
    void purchaseClearsWithFeesAndCutOffPostsNetPositions()
    {
        final Outcome purchase = driver.apply(commands.authorize(ACQUIRER, 1, DATE_TIME, RRN, CARD, 100_00, EGP, EXPIRY,
            CaptureMode.SINGLE_MESSAGE, false));
        assertEquals(AuthorizationResult.APPROVED.value(), purchase.result());
        assertEquals(100_00, purchase.clearedAmount());
        assertEquals(1_00, purchase.interchange());
        assertEquals(ACQUIRER_FEE, purchase.acquirerFee());
        assertEquals(ISSUER_FEE, purchase.issuerFee());
        assertEquals(1, purchase.windowId());
        assertEquals(ACQUIRER, purchase.acquirerId());

        final long acquirerBefore = balance(ACQUIRER_SETTLEMENT);
        final long issuerBefore = balance(BANK_SETTLEMENT);
        assertAdmin(AdminResult.OK, driver.apply(commands.closeWindow(1)));

        // acquirer: +10000 - 100 interchange - 10 fee; issuer: -10000 + 100 - 5; fees 15 to the fee account.
        assertEquals(100_00 - 1_00 - 10, balance(ACQUIRER_SETTLEMENT) - acquirerBefore);
        assertEquals(-100_00 + 1_00 - 5, balance(BANK_SETTLEMENT) - issuerBefore);
        assertEquals(15, balance(FEE_ACCOUNT));
        assertEquals(2, driver.core().windows().openWindowId(), "the cut-off opens the next window");
        assertEquals(0, driver.core().settlement().positions().size());
        assertNull(ledger.checkInvariants());
    }

    @Test
    void holdsDoNotClearAndCompletionAfterTheCutOffLandsInTheNextWindowLinkedToItsOriginal()
    {
        final Outcome hold = driver.apply(commands.authorize(ACQUIRER, 1, DATE_TIME, RRN, CARD, 40_00, EGP, EXPIRY,
            CaptureMode.DUAL_MESSAGE, false));
        final long authorizationId = hold.authorizationId();
        assertEquals(0, hold.clearedAmount());
        assertAdmin(AdminResult.OK, driver.apply(commands.closeWindow(1)));

        final Outcome completion = driver.apply(commands.complete(ACQUIRER, 2, DATE_TIME + 1, 1, DATE_TIME, RRN, 40_00));
        assertEquals(AuthorizationResult.APPROVED.value(), completion.result());
        assertEquals(2, completion.windowId());
        assertEquals(40_00, completion.clearedAmount());
        assertEquals(authorizationId, completion.authorizationId());

        final Outcome refund = driver.apply(commands.reverse(ACQUIRER, 3, DATE_TIME + 2, 1, DATE_TIME, RRN, 10_00));
        assertEquals(-30_00, refund.clearedAmount());
        assertEquals(authorizationId, refund.authorizationId());
        final SettlementPositions positions = driver.core().settlement().positions();
        long sum = positions.feesCollected(EGP);
        for (int i = 0; i < positions.size(); i++)
        {
            sum += positions.netAt(i);
        }
        assertEquals(0, sum, "nets plus fees collected sum to zero");
    }

    @Test
    void wrongWindowIsRefusedAndChangesNothing()
    {
        driver.apply(commands.authorize(ACQUIRER, 1, DATE_TIME, RRN, CARD, 10_00, EGP, EXPIRY,
            CaptureMode.SINGLE_MESSAGE, false));
        assertAdmin(AdminResult.WINDOW_NOT_OPEN, driver.apply(commands.closeWindow(7)));
        assertEquals(1, driver.core().windows().openWindowId());
        assertEquals(2, driver.core().settlement().positions().size());
    }

    @Test
    void dailyScheduleClosesTheWindowOnTheFirstTickPastTheCutOff()
    {
        // Driver time starts at 12:00 UTC; cut-off at 12:30.
        assertAdmin(AdminResult.OK, driver.apply(commands.settlementSchedule(true, 12 * 3600 + 30 * 60)));
        driver.apply(commands.tick());
        driver.apply(commands.authorize(ACQUIRER, 1, DATE_TIME, RRN, CARD, 10_00, EGP, EXPIRY,
            CaptureMode.SINGLE_MESSAGE, false));
        driver.advanceSeconds(29 * 60).apply(commands.tick());
        assertEquals(1, driver.core().windows().openWindowId());
        driver.advanceSeconds(60).apply(commands.tick());
        assertEquals(2, driver.core().windows().openWindowId());
        driver.advanceSeconds(3600).apply(commands.tick());
        assertEquals(2, driver.core().windows().openWindowId(), "once a day");
        driver.advanceSeconds(86_400).apply(commands.tick());
        assertEquals(3, driver.core().windows().openWindowId());
    }

    @Test
    void invalidConfigurationIsRefused()
    {
        assertAdmin(AdminResult.UNKNOWN_CURRENCY,
            driver.apply(commands.configureSettlement(840, OPERATOR_ACCOUNT, FEE_ACCOUNT, 0, 0, 0, 0)));
        assertAdmin(AdminResult.UNKNOWN_ACCOUNT,
            driver.apply(commands.configureSettlement(EGP, 4242, FEE_ACCOUNT, 0, 0, 0, 0)));
        assertAdmin(AdminResult.INVALID_FLAGS,
            driver.apply(commands.configureSettlement(EGP, CARD_ACCOUNT, FEE_ACCOUNT, 0, 0, 0, 0)));
        assertAdmin(AdminResult.INVALID_FEE,
            driver.apply(commands.configureSettlement(EGP, OPERATOR_ACCOUNT, FEE_ACCOUNT, 10_001, 0, 0, 0)));
        assertAdmin(AdminResult.INVALID_SCHEDULE, driver.apply(commands.settlementSchedule(true, 86_400)));
        assertAdmin(AdminResult.INVALID_FLAGS,
            driver.apply(commands.openAccount(9777, ACQUIRER, EGP, true, AccountKind.SETTLEMENT, 0)));
    }

    @Test
    void interchangeRoundsDownExactlyForAnyAmount()
    {
        assertEquals(0, FeeSchedules.proportional(99, 100));
        assertEquals(1, FeeSchedules.proportional(100, 100));
        assertEquals(Long.MAX_VALUE / 10_000 * 10_000 + (Long.MAX_VALUE % 10_000) * 10_000 / 10_000,
            FeeSchedules.proportional(Long.MAX_VALUE, 10_000));
        assertEquals(922_337_203_685_477L, FeeSchedules.proportional(Long.MAX_VALUE, 1));
    }

    private long balance(final long account)
    {
        return ledger.creditsPosted(account) - ledger.debitsPosted(account);
    }

    static void assertAdmin(final AdminResult expected, final Outcome outcome)
    {
        assertEquals(Outcome.ADMIN, outcome.type(), outcome.toString());
        assertEquals(expected, AdminResult.get(outcome.result()), outcome.toString());
    }
}

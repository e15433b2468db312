package io.tahweel.engine.settlement;

import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.testing.CoreDriver;
import io.tahweel.engine.testing.Scenario;
import io.tahweel.engine.testing.TestCommands;
import io.tahweel.sbe.AdminResult;
import io.tahweel.sbe.CaptureMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.Random;

import static io.tahweel.engine.testing.Scenario.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Over random card traffic with random cut-offs: in every window, per currency, participants'
 * net positions plus the fees collected sum to zero; after each cut-off the central account is
 * flat again and the ledger's invariants hold.
 */
class SettlementPropertiesTest
{
    @Property(tries = 60)
    void everyWindowNetsToZero(@ForAll @LongRange(min = 1) final long seed, @ForAll @IntRange(min = 50, max = 400) final int steps)
    {
        final TestCommands commands = new TestCommands();
        final CoreDriver driver = Scenario.driver(commands);
        SettlementTest.configure(driver, commands);
        final SwitchCore core = driver.core();
        final Random random = new Random(seed);
        final long centralBefore = balance(core, OPERATOR_ACCOUNT);
        int stan = 0;
        for (int step = 0; step < steps; step++)
        {
            final int roll = random.nextInt(100);
            final String card = random.nextBoolean() ? CARD : SMALL_CARD;
            if (roll < 40 || stan == 0)
            {
                stan++;
                driver.apply(commands.authorize(ACQUIRER, stan, 1125000000L, "RRN" + stan, card, 1 + random.nextInt(3_000),
                    EGP, EXPIRY, random.nextBoolean() ? CaptureMode.SINGLE_MESSAGE : CaptureMode.DUAL_MESSAGE, false));
            }
            else if (roll < 65)
            {
                final int original = 1 + random.nextInt(stan);
                driver.apply(commands.complete(ACQUIRER, 100_000 + step, 1125000000L, original, 1125000000L,
                    "RRN" + original, 1 + random.nextInt(3_000)));
            }
            else if (roll < 85)
            {
                final int original = 1 + random.nextInt(stan);
                driver.apply(commands.reverse(ACQUIRER, 200_000 + step, 1125000000L, original, 1125000000L,
                    "RRN" + original, random.nextInt(2) == 0 ? 0 : random.nextInt(2_000)));
            }
            else if (roll < 95)
            {
                assertWindowNetsToZero(core, seed);
            }
            else
            {
                assertWindowNetsToZero(core, seed);
                final Outcome close = driver.apply(commands.closeWindow(core.windows().openWindowId()));
                assertEquals(AdminResult.OK.value(), close.result(), "seed=" + seed);
                assertEquals(centralBefore, balance(core, OPERATOR_ACCOUNT), "central account flat, seed=" + seed);
                assertNull(core.ledger().checkInvariants(), "seed=" + seed);
            }
        }
        assertWindowNetsToZero(core, seed);
    }

    private static void assertWindowNetsToZero(final SwitchCore core, final long seed)
    {
        final SettlementPositions positions = core.settlement().positions();
        long sum = positions.feesCollected(EGP);
        for (int i = 0; i < positions.size(); i++)
        {
            sum += positions.netAt(i);
        }
        assertEquals(0, sum, "seed=" + seed);
    }

    private static long balance(final SwitchCore core, final long account)
    {
        return core.ledger().creditsPosted(account) - core.ledger().debitsPosted(account);
    }
}

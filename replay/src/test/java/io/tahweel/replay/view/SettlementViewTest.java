package io.tahweel.replay.view;

import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.ledger.Ledger;
import io.tahweel.engine.settlement.SettlementPositions;
import io.tahweel.replay.fixture.CoreFeed;
import io.tahweel.replay.fixture.TestSwitch;
import io.tahweel.replay.fixture.Traffic;
import io.tahweel.sbe.AuthorizationResult;
import io.tahweel.sbe.CaptureMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tahweel.replay.fixture.TestSwitch.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Windows split at the cut-off entry, positions equal to what the core posts, links across windows. */
class SettlementViewTest
{
    private final TestSwitch commands = new TestSwitch();
    private final StringBuilder settlementOut = new StringBuilder();
    private final StringBuilder clearingOut = new StringBuilder();
    private SettlementView settlement;
    private CoreFeed feed;

    @BeforeEach
    void setUp()
    {
        settlement = new SettlementView(ReportFormat.CSV, settlementOut);
        feed = new CoreFeed().views(settlement, new ClearingView(ReportFormat.CSV, clearingOut));
        feed.applyAll(commands.genesis());
    }

    @Test
    void positionsEqualTheCoresAndTheCutOffPostsExactlyTheNets()
    {
        final Traffic traffic = new Traffic(commands, 7, 0);
        for (int i = 0; i < 400; i++)
        {
            feed.apply(traffic.next());
        }
        final WindowPositions open = settlement.openWindow();
        final SettlementPositions core = feed.core().settlement().positions();
        assertEquals(core.size(), open.positions().size());
        for (int i = 0; i < core.size(); i++)
        {
            assertEquals(core.netAt(i), open.nets(core.currencyAt(i)).get(core.participantAt(i)),
                "participant " + core.participantAt(i) + " currency " + core.currencyAt(i));
        }
        assertEquals(core.feesCollected(EGP), open.feesCollected(EGP));
        assertEquals(core.feesCollected(USD), open.feesCollected(USD));

        final Ledger ledger = feed.core().ledger();
        final long[] before = {balance(ledger, 9001), balance(ledger, 9002), balance(ledger, 9003),
            balance(ledger, FEES), balance(ledger, 19001), balance(ledger, 19002), balance(ledger, 19003)};
        feed.apply(commands.closeWindow(1));
        final WindowPositions closed = settlement.closedWindows().get(0);
        assertEquals(1, closed.windowId());
        assertEquals(feed.sequence(), closed.closedAtSequence(), "closed at the cut-off entry");
        final Map<Integer, Long> egp = closed.nets(EGP);
        final Map<Integer, Long> usd = closed.nets(USD);
        assertEquals(egp.getOrDefault(BANK, 0L), balance(ledger, 9001) - before[0]);
        assertEquals(egp.getOrDefault(ACQUIRER, 0L), balance(ledger, 9002) - before[1]);
        assertEquals(egp.getOrDefault(BANK2, 0L), balance(ledger, 9003) - before[2]);
        assertEquals(closed.feesCollected(EGP), balance(ledger, FEES) - before[3]);
        assertEquals(usd.getOrDefault(BANK, 0L), balance(ledger, 19001) - before[4]);
        assertEquals(usd.getOrDefault(ACQUIRER, 0L), balance(ledger, 19002) - before[5]);
        assertEquals(usd.getOrDefault(BANK2, 0L), balance(ledger, 19003) - before[6]);
        assertTrue(closed.isPosted(EGP) && closed.isPosted(USD));
        assertEquals(2, settlement.openWindowId());
        assertTrue(settlement.openWindow().isEmpty());
    }

    @Test
    void aCompletionAndARefundAfterTheCutOffLandInTheNextWindowLinkedToTheirOriginal()
    {
        final Outcome hold = feed.apply(commands.authorize(ACQUIRER, 1, Traffic.rrn(1), 0, 40_00,
            CaptureMode.DUAL_MESSAGE, "SHOP,1"));
        final long authorizationId = hold.authorizationId();
        final Outcome purchase = feed.apply(commands.authorize(ACQUIRER, 2, Traffic.rrn(2), 1, 10_00,
            CaptureMode.SINGLE_MESSAGE, "SHOP,1"));
        assertEquals(AuthorizationResult.APPROVED.value(), purchase.result());
        final long purchaseSequence = feed.sequence();
        feed.apply(commands.closeWindow(1));
        final long cutOff = feed.sequence();
        feed.apply(commands.complete(ACQUIRER, 3, 1, Traffic.rrn(1), 40_00));
        final long completion = feed.sequence();
        feed.apply(commands.reverse(ACQUIRER, 4, 1, Traffic.rrn(1), 15_00));
        final long refund = feed.sequence();
        feed.finish();

        final List<String> lines = clearingOut.toString().lines().toList();
        assertEquals(ClearingView.CSV_HEADER.trim(), lines.get(0));
        assertTrue(lines.get(1).startsWith("record," + purchaseSequence + ",") && lines.get(1).contains(",PURCHASE," +
            purchaseSequence + ",1,2,1,\"SHOP,1\",TERM0001," +
            "400000******3219,POS,818,1000,10,10,5,APPROVED,1"), lines.get(1));
        assertTrue(lines.get(2).startsWith("record," + completion + ",") &&
            lines.get(2).contains(",COMPLETION," + authorizationId + ",2,2,1,\"SHOP,1\",TERM0001,400000******7899,POS,818,4000,"),
            lines.get(2));
        assertTrue(lines.get(3).startsWith("record," + refund + ",") &&
            lines.get(3).contains(",REFUND," + authorizationId + ",2,2,1,\"SHOP,1\",TERM0001,400000******7899,POS,818,-2500,0,0,0,"),
            lines.get(3));
        assertEquals("total,,,,,,2,1,,,,,818,2500,50,20,10,,3", lines.get(4));

        final List<String> windows = settlementOut.toString().lines().toList();
        assertTrue(windows.get(1).startsWith("1,closed,") && windows.get(1).contains("," + cutOff + ","), windows.get(1));
        assertTrue(windows.stream().anyMatch(l -> l.startsWith("2,open,") && l.contains(",818,true,1,2,4000,2500,")),
            String.join("\n", windows));
        for (final String line : clearingOut.toString().lines().toList())
        {
            for (final String pan : CARDS)
            {
                assertFalse(line.contains(pan), "card in clear: " + line);
            }
        }
    }

    @Test
    void theDailyScheduleCutsOffAtTheFirstTickPastTheCutOffTime()
    {
        feed.apply(commands.schedule(true, 12 * 3600 + 30 * 60)); // feed time starts at 12:00 UTC
        feed.apply(commands.tick());
        feed.apply(commands.authorize(ACQUIRER, 1, Traffic.rrn(1), 0, 10_00, CaptureMode.SINGLE_MESSAGE, "M"));
        feed.advanceMillis(29 * 60_000).apply(commands.tick());
        assertEquals(1, settlement.openWindowId());
        feed.advanceMillis(60_000).apply(commands.tick());
        final long tick = feed.sequence();
        assertEquals(2, feed.core().windows().openWindowId());
        assertEquals(2, settlement.openWindowId());
        final WindowPositions closed = settlement.closedWindows().get(0);
        assertEquals(tick, closed.closedAtSequence());
        assertEquals(WindowTracker.CLOSED_BY_SCHEDULE, closed.closedBy());
        feed.apply(commands.authorize(ACQUIRER, 2, Traffic.rrn(2), 0, 20_00, CaptureMode.SINGLE_MESSAGE, "M"));
        assertEquals(1, closed.positions().stream().mapToLong(WindowPositions.Position::transactions).max().orElse(0));
        assertEquals(2_000, settlement.openWindow().nets(EGP).get(ACQUIRER) + 20 + 10);
    }

    private static long balance(final Ledger ledger, final long account)
    {
        return ledger.creditsPosted(account) - ledger.debitsPosted(account);
    }
}

package io.tahweel.replay.view;

import io.tahweel.replay.fixture.CoreFeed;
import io.tahweel.replay.fixture.TestSwitch;
import io.tahweel.replay.fixture.Traffic;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per window and currency, the participants' nets plus the fees collected sum to zero. */
class NetPositionsPropertyTest
{
    @Property(tries = 40)
    void netPositionsSumToZeroPerCurrencyInEveryWindow(@ForAll final long seed,
        @ForAll @IntRange(min = 50, max = 600) final int messages, @ForAll @IntRange(min = 0, max = 8) final int cutOffs)
    {
        final TestSwitch commands = new TestSwitch();
        final List<WindowPositions> windows = new ArrayList<>();
        final SettlementView view = new SettlementView(ReportFormat.JSON, new StringBuilder()).onWindowClosed(windows::add);
        final CoreFeed feed = new CoreFeed().views(view);
        feed.applyAll(commands.genesis());
        final Traffic traffic = new Traffic(commands, seed, cutOffs);
        for (int i = 0; i < messages; i++)
        {
            feed.apply(traffic.next());
        }
        windows.add(view.openWindow());
        assertEquals(traffic.window(), view.openWindowId(), "seed " + seed);
        assertEquals(feed.core().windows().openWindowId(), view.openWindowId(), "seed " + seed);
        for (final WindowPositions window : windows)
        {
            for (final int currency : window.currencies())
            {
                final long sum = window.nets(currency).values().stream().mapToLong(Long::longValue).sum() +
                    window.feesCollected(currency);
                assertEquals(0, sum, "window " + window.windowId() + " currency " + currency + " seed " + seed);
            }
        }
        assertTrue(windows.size() >= 1);
    }
}

package io.tahweel.replay;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.node.NodeContext;
import io.tahweel.engine.node.SwitchNode;
import io.tahweel.engine.pipeline.CommandPublisher;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.engine.pipeline.PipelineContext;
import io.tahweel.replay.fixture.CoreFeed;
import io.tahweel.replay.fixture.TestSwitch;
import io.tahweel.replay.fixture.Traffic;
import io.tahweel.replay.view.LiveViews;
import io.tahweel.replay.view.ReportFormat;
import io.tahweel.replay.view.ViewBuilder;
import io.tahweel.replay.view.Views;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real node with views on its output stage; replaying its journal gives the same bytes. */
class LiveEqualsReplayTest
{
    @Test
    void viewsBuiltLiveOnANodeEqualTheViewsReplayedFromItsJournal(@TempDir final Path dataDir)
    {
        final TestSwitch commands = new TestSwitch();
        final List<StringBuilder> live = new ArrayList<>();
        final List<ViewBuilder> views = views(live);
        final LiveViews liveViews = new LiveViews(views);
        final AtomicLong clock = new AtomicLong(CoreFeed.START_NANOS);
        final NodeContext context = new NodeContext().dataDirectory(dataDir).tickIntervalMs(0)
            .pipelineContext(new PipelineContext().name("live-test").snapshotInterval(500))
            .clock(() -> clock.addAndGet(1_000)).outcomeListener(liveViews);
        try (SwitchNode node = SwitchNode.start(context, commands.genesis()))
        {
            final CommandPublisher publisher = node.publisher();
            long published = node.lastOutputSequence();
            publish(publisher, commands.schedule(true, 18 * 3600)); // daily cut-off at 18:00 UTC
            publish(publisher, commands.tick());
            published += 2;
            final Traffic traffic = new Traffic(commands, 11, 1);
            for (int i = 1; i <= 2_000; i++)
            {
                publish(publisher, traffic.next());
                published++;
                if (i % 500 == 0)
                {
                    // Jump only once everything published is stamped, so no entry's time depends on thread timing.
                    assertTrue(node.awaitOutput(published, 30, TimeUnit.SECONDS), String.valueOf(node.fatal()));
                    clock.addAndGet(4 * 3_600_000_000_000L); // four hours: the schedule cuts off at some tick
                    publish(publisher, commands.tick());
                    published++;
                }
            }
            final long last = node.journal().lastSequence();
            assertTrue(node.awaitOutput(last, 30, TimeUnit.SECONDS), String.valueOf(node.fatal()));
        }
        liveViews.finish();

        final List<StringBuilder> replayed = new ArrayList<>();
        final ReplayResult result = new ReplayEngine(new CoreContext()).replay(dataDir, ReplayRange.all(),
            views(replayed), ReplayProgress.NONE);
        assertTrue(result.entriesRead() > 2_000);
        for (int i = 0; i < live.size(); i++)
        {
            assertEquals(live.get(i).toString(), replayed.get(i).toString(), "view " + i);
        }
        final String settlement = live.get(1).toString();
        assertTrue(settlement.contains(",operator,") && settlement.contains(",schedule,"),
            "both kinds of cut-off happened:\n" + settlement);
    }

    private static List<ViewBuilder> views(final List<StringBuilder> outputs)
    {
        final List<ViewBuilder> views = new ArrayList<>();
        for (final ReportFormat format : ReportFormat.values())
        {
            for (final String name : Views.NAMES)
            {
                final StringBuilder out = new StringBuilder();
                outputs.add(out);
                views.add(Views.create(name, format, out));
            }
        }
        return views;
    }

    private static void publish(final CommandPublisher publisher, final byte[] entry)
    {
        final CommandSlot slot = publisher.claim();
        slot.buffer().putBytes(0, entry);
        slot.length(entry.length);
        publisher.publish(slot);
    }
}

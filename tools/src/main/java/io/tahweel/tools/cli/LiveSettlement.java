package io.tahweel.tools.cli;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.engine.pipeline.OutcomeListener;
import io.tahweel.gateways.admin.AdminReply;
import io.tahweel.gateways.admin.SettlementReports;
import io.tahweel.replay.ReplayEngine;
import io.tahweel.replay.ReplayProgress;
import io.tahweel.replay.ReplayRange;
import io.tahweel.replay.ReplayResult;
import io.tahweel.replay.view.ClosedWindowReports;
import io.tahweel.replay.view.LiveViews;
import io.tahweel.replay.view.ReportFormat;
import io.tahweel.replay.view.SettlementView;
import io.tahweel.replay.view.WindowPositions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wires a node's live settlement view for the command line: primed by replaying the journal
 * already on disk (so a restarted node reports whole windows), then fed from the output stage;
 * answers the admin interface ({@link SettlementReports}) and completes its pending commands
 * ({@link AdminReply#LISTENER}) after the view has seen the entry.
 */
final class LiveSettlement implements OutcomeListener, SettlementReports
{
    private static final int RETAINED_WINDOWS = 16;
    /** The live view answers through {@link ClosedWindowReports}; its end-of-run report goes nowhere. */
    private static final Appendable NOWHERE = new Appendable()
    {
        @Override
        public Appendable append(final CharSequence text)
        {
            return this;
        }

        @Override
        public Appendable append(final CharSequence text, final int start, final int end)
        {
            return this;
        }

        @Override
        public Appendable append(final char c)
        {
            return this;
        }
    };

    private final SettlementView view = new SettlementView(ReportFormat.JSON, NOWHERE, RETAINED_WINDOWS);
    private final ClosedWindowReports closed = new ClosedWindowReports(RETAINED_WINDOWS);
    private final AtomicReference<WindowPositions> lastClosed = new AtomicReference<>();
    private final LiveViews live;
    private final OutcomeListener next;

    /** @param next also told of every slot, after the view (e.g. the demo's statistics). */
    LiveSettlement(final Path dataDirectory, final OutcomeListener next)
    {
        this.next = next;
        view.onWindowClosed(window ->
        {
            closed.accept(window);
            lastClosed.set(window);
        });
        live = new LiveViews(List.of(view));
        live.primedUpTo(prime(dataDirectory));
        closed.openWindowId(view.openWindowId());
    }

    private long prime(final Path dataDirectory)
    {
        final Path journal = dataDirectory.resolve("journal");
        if (!Files.isDirectory(journal))
        {
            return 0;
        }
        try
        {
            final ReplayResult result = new ReplayEngine(new CoreContext()).replay(dataDirectory, ReplayRange.all(),
                List.of(view), ReplayProgress.NONE);
            return result.journalLastSequence();
        }
        catch (final IllegalArgumentException ex)
        {
            return 0; // a journal directory without queue files yet
        }
    }

    @Override
    public void onOutcome(final CommandSlot slot)
    {
        live.onOutcome(slot);
        closed.openWindowId(view.openWindowId());
        next.onOutcome(slot);
        AdminReply.LISTENER.onOutcome(slot);
    }

    @Override
    public long lastSequence()
    {
        return live.lastSequence();
    }

    @Override
    public long openWindowId()
    {
        return closed.openWindowId();
    }

    @Override
    public String closedWindowJson(final long windowId)
    {
        return closed.json(windowId);
    }

    /** The last window cut off while this node ran, or null. */
    WindowPositions lastClosedWindow()
    {
        return lastClosed.get();
    }
}

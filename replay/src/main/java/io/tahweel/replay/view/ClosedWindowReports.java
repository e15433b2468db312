package io.tahweel.replay.view;

import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * The latest closed settlement windows as JSON, published from the thread that feeds a live
 * {@link SettlementView} (the node's output stage) for other threads to read (the admin
 * interface answering a cut-off). Bounded: the oldest are dropped beyond {@code capacity}.
 */
public final class ClosedWindowReports implements Consumer<WindowPositions>
{
    private final ConcurrentSkipListMap<Long, String> json = new ConcurrentSkipListMap<>();
    private final int capacity;
    private volatile long openWindowId;

    public ClosedWindowReports(final int capacity)
    {
        this.capacity = capacity;
    }

    /** Attaches to a view: every window it closes is published here. */
    public SettlementView attach(final SettlementView view)
    {
        return view.onWindowClosed(this);
    }

    @Override
    public void accept(final WindowPositions window)
    {
        final StringBuilder text = new StringBuilder(1024);
        SettlementReportWriter.json(window, text);
        json.put(window.windowId(), text.toString());
        openWindowId = window.windowId() + 1;
        while (json.size() > capacity)
        {
            json.pollFirstEntry();
        }
    }

    /** Records the window open when the view was primed or a window first opened. */
    public void openWindowId(final long windowId)
    {
        openWindowId = windowId;
    }

    public long openWindowId()
    {
        return openWindowId;
    }

    /** The window's report as a JSON object, or null if it is not (or no longer) held. */
    public String json(final long windowId)
    {
        return json.get(windowId);
    }
}

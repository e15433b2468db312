package io.tahweel.engine.settlement;

import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.engine.state.SnapshotWriter;

/**
 * Settlement windows opened and closed by journaled cut-off commands. At most one window is
 * open; window ids only increase, so every entry falls in exactly one window by journal order.
 */
public final class SettlementWindows
{
    private static final int SNAPSHOT_MARKER = 0x57494E44; // "WIND"

    private long openWindowId;
    private long lastWindowId;
    private long openedAtSequence;

    public long openWindowId()
    {
        return openWindowId;
    }

    public long lastWindowId()
    {
        return lastWindowId;
    }

    public long openedAtSequence()
    {
        return openedAtSequence;
    }

    public void open(final long windowId, final long sequence)
    {
        openWindowId = windowId;
        lastWindowId = windowId;
        openedAtSequence = sequence;
    }

    public void close()
    {
        openWindowId = 0;
    }

    /** Bytes {@link #writeSnapshot} writes. */
    public static long maxSnapshotLength()
    {
        return Integer.BYTES + 3 * Long.BYTES;
    }

    public void writeSnapshot(final SnapshotWriter writer)
    {
        writer.putMarker(SNAPSHOT_MARKER).putLong(openWindowId).putLong(lastWindowId).putLong(openedAtSequence);
    }

    public void readSnapshot(final SnapshotReader reader)
    {
        reader.expectMarker(SNAPSHOT_MARKER);
        openWindowId = reader.getLong();
        lastWindowId = reader.getLong();
        openedAtSequence = reader.getLong();
    }
}

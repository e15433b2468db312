package io.tahweel.engine.recovery;

import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.state.SnapshotWriter;
import io.tahweel.journal.SnapshotStore;

/** Writes the core's state to the snapshot store; runs on the core thread. */
public final class CoreSnapshotter
{
    /** Snapshots kept on disk; older ones are pruned after each write. */
    public static final int SNAPSHOTS_KEPT = 3;

    private final SnapshotStore store;
    private final SnapshotWriter writer = new SnapshotWriter(1 << 20);
    private long lastSnapshotSequence = -1;

    public CoreSnapshotter(final SnapshotStore store)
    {
        this.store = store;
    }

    public void snapshot(final SwitchCore core)
    {
        if (core.lastSequence() == lastSnapshotSequence)
        {
            return;
        }
        writer.reset();
        core.writeSnapshot(writer);
        store.write(core.lastSequence(), core.lastTimestamp(), writer.buffer(), 0, writer.position());
        store.prune(SNAPSHOTS_KEPT);
        lastSnapshotSequence = core.lastSequence();
    }
}

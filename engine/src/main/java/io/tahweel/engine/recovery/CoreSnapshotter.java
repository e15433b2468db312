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
        snapshot(core, writer);
    }

    /**
     * Stores the core's state already serialised into {@code serialized} (by
     * {@link SwitchCore#writeSnapshot} at the core's current sequence): a caller that has just
     * serialised the state for a checkpoint hash saves a second serialisation and a second buffer.
     */
    public void snapshot(final SwitchCore core, final SnapshotWriter serialized)
    {
        if (core.lastSequence() == lastSnapshotSequence)
        {
            return;
        }
        store.write(core.lastSequence(), core.lastTimestamp(), serialized.buffer(), 0, serialized.position());
        store.prune(SNAPSHOTS_KEPT);
        lastSnapshotSequence = core.lastSequence();
    }
}

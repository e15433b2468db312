package io.tahweel.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.recovery.CoreSnapshotter;
import io.tahweel.engine.replication.PrimaryCheckpointer;
import io.tahweel.engine.state.SnapshotWriter;

/**
 * Stage 2: the single thread that owns all business state. Applies each journaled entry and,
 * every {@code snapshotInterval} entries, hands the core to the snapshotter on this same
 * thread (the state must not change while it is serialised; the file is written on the
 * snapshotter's own thread), and on shutdown takes a last snapshot written before it returns.
 */
final class CoreStage implements EventHandler<CommandSlot>
{
    private final SwitchCore core;
    private final CoreSnapshotter snapshotter;
    private final long snapshotInterval;
    private final PrimaryCheckpointer checkpointer;
    private final BatchProgress progress = new BatchProgress();

    CoreStage(final SwitchCore core, final CoreSnapshotter snapshotter, final long snapshotInterval,
        final PrimaryCheckpointer checkpointer)
    {
        this.checkpointer = checkpointer;
        this.core = core;
        this.snapshotter = snapshotter;
        this.snapshotInterval = snapshotInterval;
    }

    @Override
    public void setSequenceCallback(final Sequence sequenceCallback)
    {
        progress.sequence(sequenceCallback);
    }

    @Override
    public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        if (slot.rejection() == CommandSlot.ACCEPTED)
        {
            apply(slot);
        }
        progress.done(ringSequence);
    }

    private void apply(final CommandSlot slot)
    {
        core.onEntry(slot.unsafeBuffer(), 0, slot.length(), slot.outcome());
        final SnapshotWriter checkpointed = checkpointer == null ? null : checkpointer.afterEntry(core);
        if (snapshotInterval > 0 && slot.sequence() % snapshotInterval == 0)
        {
            if (checkpointed != null)
            {
                // a checkpoint on the same entry (by default they coincide): copy its bytes, do not serialise twice
                snapshotter.snapshotFrom(core, checkpointed);
            }
            else
            {
                snapshotter.snapshot(core);
            }
        }
    }

    @Override
    public void onShutdown()
    {
        if (snapshotInterval > 0 && core.lastSequence() > 0)
        {
            snapshotter.snapshotAndWait(core);
        }
    }
}

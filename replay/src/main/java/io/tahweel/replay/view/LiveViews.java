package io.tahweel.replay.view;

import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.engine.pipeline.OutcomeListener;

import java.util.List;

/**
 * Feeds views live from a node's output stage: every journaled slot, in journal order, with the
 * outcome the core wrote into it, which is exactly what a replay feeds them, so the live report
 * and the replayed one are the same bytes. Slots the journaler refused never reached the journal
 * and are skipped, as are entries at or below {@link #primedUpTo} (a restarted node first replays
 * its journal into the views, then this adapter takes over from the next sequence).
 * Runs on the output stage thread; the views are not to be read from another thread except
 * through what they publish for that purpose.
 */
public final class LiveViews implements OutcomeListener
{
    private final List<ViewBuilder> views;
    private volatile long primedUpTo;
    private volatile long lastSequence;

    public LiveViews(final List<ViewBuilder> views)
    {
        this.views = List.copyOf(views);
    }

    /** Entries up to this sequence were already fed (by a replay of the journal before the node started). */
    public LiveViews primedUpTo(final long sequence)
    {
        this.primedUpTo = sequence;
        this.lastSequence = sequence;
        return this;
    }

    @Override
    public void onOutcome(final CommandSlot slot)
    {
        if (slot.rejection() != CommandSlot.ACCEPTED)
        {
            return;
        }
        final long sequence = slot.sequence();
        if (sequence <= primedUpTo)
        {
            return;
        }
        for (int i = 0; i < views.size(); i++)
        {
            views.get(i).onEntry(slot.buffer(), 0, slot.length(), slot.outcome());
        }
        lastSequence = sequence;
    }

    /** Sequence of the last entry the views have seen; readable from any thread. */
    public long lastSequence()
    {
        return lastSequence;
    }

    /** Ends every view's report (call after the node has stopped). */
    public void finish()
    {
        for (final ViewBuilder view : views)
        {
            view.finish();
        }
    }
}

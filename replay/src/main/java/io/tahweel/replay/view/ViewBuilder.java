package io.tahweel.replay.view;

import io.tahweel.engine.core.Outcome;
import org.agrona.DirectBuffer;

/**
 * A report built from journal entries and the outcomes the core derived for them, fed in journal
 * order by the replay engine or, live, by {@link LiveViews} from the node's output stage. The same
 * entries give the same bytes either way: a view reads nothing but its arguments.
 * <p>
 * The buffer and outcome are flyweights valid only during the call. A view keeps aggregates and
 * the little per-transaction state it needs (bounded), never the entries themselves.
 */
public interface ViewBuilder
{
    /** An entry inside the requested range: it counts in the report. */
    void onEntry(DirectBuffer buffer, int offset, int length, Outcome outcome);

    /**
     * An entry before the requested range: it does not count, but a view may need what it says
     * (the authorization a later completion refers to, the open window, the fee schedule).
     */
    default void onEarlierEntry(final DirectBuffer buffer, final int offset, final int length, final Outcome outcome)
    {
    }

    /** No more entries: write what is left of the report. */
    void finish();

    /** A few lines of key totals for a command line's summary (after {@link #finish()}). */
    default String summary()
    {
        return "";
    }
}

package io.tahweel.replay;

/**
 * Which entries a replay feeds to its views. The core always replays from genesis; the range only
 * decides which entries the views see as their own (the rest before it is context, e.g. the
 * authorization a completion refers to). Exactly one of: everything, a sequence range
 * (inclusive), a time range of journal timestamps ({@code [from, to)} in ns), or one settlement
 * window (every entry processed while that window was open, including the cut-off that closed it).
 */
public final class ReplayRange
{
    private static final int ALL = 0;
    private static final int SEQUENCE = 1;
    private static final int TIME = 2;
    private static final int WINDOW = 3;

    /** Where an entry falls relative to the range. */
    public enum Position { BEFORE, INSIDE, AFTER }

    private final int kind;
    private final long from;
    private final long to;

    private ReplayRange(final int kind, final long from, final long to)
    {
        this.kind = kind;
        this.from = from;
        this.to = to;
    }

    public static ReplayRange all()
    {
        return new ReplayRange(ALL, 1, Long.MAX_VALUE);
    }

    /** Sequences {@code from..to}, both inclusive. */
    public static ReplayRange sequences(final long from, final long to)
    {
        if (from < 1 || to < from)
        {
            throw new IllegalArgumentException("sequence range must have 1 <= from <= to: " + from + ".." + to);
        }
        return new ReplayRange(SEQUENCE, from, to);
    }

    /** Entries whose journal timestamp is at or after {@code fromNanos} and before {@code toNanos}. */
    public static ReplayRange time(final long fromNanos, final long toNanos)
    {
        if (toNanos < fromNanos)
        {
            throw new IllegalArgumentException("time range ends before it starts");
        }
        return new ReplayRange(TIME, fromNanos, toNanos);
    }

    public static ReplayRange window(final long windowId)
    {
        if (windowId < 1)
        {
            throw new IllegalArgumentException("window ids start at 1: " + windowId);
        }
        return new ReplayRange(WINDOW, windowId, windowId);
    }

    /**
     * @param sequence     of the entry.
     * @param timestamp    of the entry (journal time, ns).
     * @param windowBefore the settlement window open when the entry was applied (before it).
     */
    public Position position(final long sequence, final long timestamp, final long windowBefore)
    {
        switch (kind)
        {
            case SEQUENCE:
                return sequence < from ? Position.BEFORE : sequence > to ? Position.AFTER : Position.INSIDE;
            case TIME:
                return timestamp < from ? Position.BEFORE : timestamp >= to ? Position.AFTER : Position.INSIDE;
            case WINDOW:
                return windowBefore == from ? Position.INSIDE :
                    windowBefore > from ? Position.AFTER : Position.BEFORE;
            default:
                return Position.INSIDE;
        }
    }

    /** The last sequence the range can include, for progress; MAX_VALUE when only the journal's end bounds it. */
    public long lastSequenceBound()
    {
        return kind == SEQUENCE ? to : Long.MAX_VALUE;
    }

    @Override
    public String toString()
    {
        switch (kind)
        {
            case SEQUENCE:
                return "sequences " + from + ".." + to;
            case TIME:
                return "time " + java.time.Instant.ofEpochSecond(0, from) + " .. " + java.time.Instant.ofEpochSecond(0, to);
            case WINDOW:
                return "settlement window " + from;
            default:
                return "whole journal";
        }
    }
}

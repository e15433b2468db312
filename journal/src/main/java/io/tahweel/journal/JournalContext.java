package io.tahweel.journal;

import java.nio.file.Path;
import java.util.Objects;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/**
 * Configuration of a {@link Journal}: where it lives, how it rolls and whether this process may write.
 *
 * <p>Kept apart from the journal so the same settings can be printed, validated and handed to
 * several readers; the journal copies nothing it does not need.
 */
public final class JournalContext
{
    /** Daily files, as the design asks; FAST_DAILY is the non-deprecated daily cycle of this Chronicle version. */
    public static final RollCycle DEFAULT_ROLL_CYCLE = RollCycles.FAST_DAILY;

    /** System property giving {@link #pretouch()}'s default: {@code -Dtahweel.journal.pretouch=true} turns it on. */
    public static final String PRETOUCH_PROPERTY = "tahweel.journal.pretouch";

    private Path directory;
    private RollCycle rollCycle = DEFAULT_ROLL_CYCLE;
    private boolean readOnly;
    private boolean pretouch = Boolean.getBoolean(PRETOUCH_PROPERTY);

    /**
     * @param directory holding the queue's files; created by a writable journal if missing.
     * @return this for chaining.
     */
    public JournalContext directory(final Path directory)
    {
        this.directory = directory;
        return this;
    }

    /**
     * @return directory holding the queue's files.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * @param rollCycle file granularity; every process opening the journal must use the same one.
     * @return this for chaining.
     */
    public JournalContext rollCycle(final RollCycle rollCycle)
    {
        this.rollCycle = Objects.requireNonNull(rollCycle, "rollCycle");
        return this;
    }

    /**
     * @return the roll cycle, {@link #DEFAULT_ROLL_CYCLE} unless set.
     */
    public RollCycle rollCycle()
    {
        return rollCycle;
    }

    /**
     * @param readOnly true for followers, views and tools that must never change the journal, e.g.
     *                 while another process is the writer.
     * @return this for chaining.
     */
    public JournalContext readOnly(final boolean readOnly)
    {
        this.readOnly = readOnly;
        return this;
    }

    /**
     * @return true if the journal refuses appends and never repairs a torn tail.
     */
    public boolean readOnly()
    {
        return readOnly;
    }

    /**
     * @param pretouch true to grow the journal's file and fault its next pages in on a background
     *                 thread ahead of the appender (see {@code JournalPretoucher}); ignored when
     *                 read-only. Default: off, unless {@link #PRETOUCH_PROPERTY} is "true": it raises the
     *                 append rate but, on a 2-core machine, lengthens the switch's latency tail.
     * @return this for chaining.
     */
    public JournalContext pretouch(final boolean pretouch)
    {
        this.pretouch = pretouch;
        return this;
    }

    /**
     * @return true if a writable journal touches its next pages ahead of the appender.
     */
    public boolean pretouch()
    {
        return pretouch;
    }

    void validate()
    {
        if (null == directory)
        {
            throw new IllegalArgumentException("journal directory is not set");
        }
    }

    @Override
    public String toString()
    {
        return "JournalContext{directory=" + directory + ", rollCycle=" + rollCycle + ", readOnly=" + readOnly +
            ", pretouch=" + pretouch + '}';
    }
}

package io.tahweel.engine.pipeline;

import com.lmax.disruptor.Sequence;

/**
 * Lets the next stage start on a batch before this stage has finished all of it.
 * <p>
 * Why: a Disruptor stage takes every slot available and publishes its progress only at the end
 * of that batch. Under load a batch is thousands of slots, so the journaler finished thousands
 * of entries before the core could start on the first, then the core thousands before the
 * output stage: the stages took turns instead of working side by side (the pipeline bench used
 * under half of the machine's two cores). Reporting every {@link #INTERVAL} slots keeps them
 * overlapped at the cost of one ordered store per interval.
 */
final class BatchProgress
{
    /** Slots between two reports: a power of two. */
    static final int INTERVAL = 32;

    private Sequence sequence;

    /** From {@code EventHandler.setSequenceCallback}: the stage's own sequence. */
    void sequence(final Sequence sequence)
    {
        this.sequence = sequence;
    }

    /** Call once the slot at {@code ringSequence} is completely done with by this stage. */
    void done(final long ringSequence)
    {
        if ((ringSequence & (INTERVAL - 1)) == INTERVAL - 1 && null != sequence)
        {
            sequence.set(ringSequence);
        }
    }
}

package io.tahweel.engine.pipeline;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;

/**
 * The producers' side of the input ring (any thread). Claim a slot, encode a command into it,
 * set its length, publish. A claimed slot must be published by the same thread promptly, even
 * if encoding failed (publish it with length 0: the journaler refuses it), or the ring stalls.
 */
public final class CommandPublisher
{
    private final RingBuffer<CommandSlot> ring;

    CommandPublisher(final RingBuffer<CommandSlot> ring)
    {
        this.ring = ring;
    }

    /** Claims the next slot, waiting while the ring is full. */
    public CommandSlot claim()
    {
        final long sequence = ring.next();
        final CommandSlot slot = ring.get(sequence);
        slot.claimed(sequence);
        return slot;
    }

    /** Claims the next slot, or returns null at once when the ring is full (backpressure). */
    public CommandSlot tryClaim()
    {
        try
        {
            final long sequence = ring.tryNext();
            final CommandSlot slot = ring.get(sequence);
            slot.claimed(sequence);
            return slot;
        }
        catch (final InsufficientCapacityException ex)
        {
            return null;
        }
    }

    public void publish(final CommandSlot slot)
    {
        ring.publish(slot.ringSequence());
    }

    /** Slots free for producers right now. */
    public long remainingCapacity()
    {
        return ring.remainingCapacity();
    }
}

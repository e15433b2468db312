package io.tahweel.gateways.iso8583;

import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * Reads an Agrona ring buffer until it is empty, for the gateway's hand-offs to an event loop.
 * <p>
 * Why not one {@code read}: a read stops at the end of the buffer, and where the ring wraps the
 * producer leaves a padding record there. A pass may then consume only that padding (no message)
 * while messages wait at the start of the buffer; a caller that stopped on "no message read" would
 * strand them until the next hand-off, or forever at the end of traffic. So read until a pass
 * consumes nothing at all.
 */
public final class RingDrain
{
    private RingDrain()
    {
    }

    /** Hands every record in {@code ring} to {@code handler}; how many (padding is not counted). */
    public static int readAll(final RingBuffer ring, final MessageHandler handler)
    {
        int messages = 0;
        long position;
        do
        {
            position = ring.consumerPosition();
            messages += ring.read(handler);
        }
        while (ring.consumerPosition() != position);
        return messages;
    }
}

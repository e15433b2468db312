package io.tahweel.gateways.iso8583.issuer;

import io.tahweel.gateways.iso8583.RingDrain;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.util.Arrays;

/**
 * Carries written messages from the output thread (the one producer) to the link's event loop
 * (the one consumer) without an object per message: a bounded Agrona one-to-one ring buffer of
 * records, each
 * <pre>
 *   0        8          12
 *   ┌────────┬──────────┬──────────────────────────────┐
 *   │ authId │ kind     │ message (MTI, bitmap, fields) │   type FORWARD or ADVICE
 *   └────────┴──────────┴──────────────────────────────┘
 * </pre>
 * The message is written in {@link #staging()} (from {@link #MESSAGE_OFFSET}), copied into the
 * ring by {@link #offer}, which then zero-fills the staging array; {@link #drain} zero-fills each
 * record once its handler returns (Agrona's read does not): the PAN, PIN block and track 2 stay in
 * no memory of this class after the message has gone on. Sized for every request the link may
 * have in flight ({@link IssuerLimits#outboxBytes}); full means the event loop is that far behind:
 * the message is refused, and the caller logs it.
 */
final class IssuerOutbox
{
    static final int FORWARD = 1;
    static final int ADVICE = 2;
    /** Where the message starts in {@link #staging()} and in a record. */
    static final int MESSAGE_OFFSET = Long.BYTES + Integer.BYTES;
    private static final int CACHE_LINE = 64;

    /** What the link does with one record, on its event loop. */
    interface Handler
    {
        /** {@code message[0, length)} is only valid during the call. */
        void onMessage(int type, long authorizationId, int kind, byte[] message, int length);
    }

    private final OneToOneRingBuffer ring;
    private final byte[] staging = new byte[MESSAGE_OFFSET + IssuerMessageWriter.MAX_MESSAGE_LENGTH];
    private final UnsafeBuffer stagingBuffer = new UnsafeBuffer(staging);
    private final byte[] message = new byte[IssuerMessageWriter.MAX_MESSAGE_LENGTH];
    private final MessageHandler reader = this::onRecord;
    private Handler handler;

    /** @param capacity bytes of records, a power of two; at least eight longest messages (Agrona's limit per record). */
    IssuerOutbox(final int capacity)
    {
        // off-heap and cache-line aligned: the ring's head and tail are read and written atomically
        ring = new OneToOneRingBuffer(new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(capacity + RingBufferDescriptor.TRAILER_LENGTH, CACHE_LINE)));
        if (ring.maxMsgLength() < staging.length)
        {
            throw new IllegalArgumentException("an outbox of " + capacity + " bytes cannot hold the longest message");
        }
    }

    /** Producer: where to write the next message, from {@link #MESSAGE_OFFSET}. */
    byte[] staging()
    {
        return staging;
    }

    /** Producer: queues the staged message of {@code length} bytes; false when the outbox is full. Wipes the staging array. */
    boolean offer(final int type, final long authorizationId, final int kind, final int length)
    {
        try
        {
            stagingBuffer.putLong(0, authorizationId);
            stagingBuffer.putInt(Long.BYTES, kind);
            return ring.write(type, stagingBuffer, 0, MESSAGE_OFFSET + length);
        }
        finally
        {
            Arrays.fill(staging, 0, MESSAGE_OFFSET + length, (byte)0);
        }
    }

    /** Consumer: hands every queued record to {@code handler}, wiping each; how many. */
    int drain(final Handler handler)
    {
        this.handler = handler;
        return RingDrain.readAll(ring, reader);
    }

    private void onRecord(final int type, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final int messageLength = length - MESSAGE_OFFSET;
        buffer.getBytes(index + MESSAGE_OFFSET, message, 0, messageLength);
        final long authorizationId = buffer.getLong(index);
        final int kind = buffer.getInt(index + Long.BYTES);
        buffer.setMemory(index, length, (byte)0);
        try
        {
            handler.onMessage(type, authorizationId, kind, message, messageLength);
        }
        finally
        {
            Arrays.fill(message, 0, messageLength, (byte)0);
        }
    }

    /** Bytes held now (tests). */
    int size()
    {
        return ring.size();
    }

    /** A copy of the ring's whole buffer, records and trailer (tests check it holds no card data once drained). */
    byte[] ringCopy()
    {
        final byte[] copy = new byte[ring.buffer().capacity()];
        ring.buffer().getBytes(0, copy);
        return copy;
    }
}

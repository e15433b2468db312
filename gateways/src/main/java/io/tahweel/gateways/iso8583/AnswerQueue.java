package io.tahweel.gateways.iso8583;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Answers on their way from the output thread to a connection's event loop, without a task object
 * per answer: the output thread writes {@code (correlationId, 39, authorizationId, 38)} into a
 * ring, and schedules one drain on the event loop only when none is pending. Bounded
 * ({@link #CAPACITY} answers waiting): when full, {@link #offer} refuses and the caller hands the
 * answer over as a task of its own, as before.
 * <pre>
 *   record: correlationId (8) | authorizationId (8) | field 39 (2 ASCII) | length of 38 (1) | field 38 (6 ASCII)
 * </pre>
 */
final class AnswerQueue
{
    /** Answers that may wait for one drain; more than a connection's event loop falls behind by in practice. */
    static final int CAPACITY = 128;

    private static final int ANSWER = 1;
    private static final int CORRELATION_ID = 0;
    private static final int AUTHORIZATION_ID = 8;
    private static final int RESPONSE_CODE = 16;
    private static final int APPROVAL_LENGTH = 18;
    private static final int APPROVAL_CODE = 19;
    private static final int LENGTH = APPROVAL_CODE + ResponseCodes.APPROVAL_CODE_LENGTH;
    /** Record header (8) + {@link #LENGTH}, aligned to 8. */
    private static final int RECORD_BYTES = 40;

    /** What the event loop does with each answer. */
    @FunctionalInterface
    interface Answerer
    {
        void answer(long correlationId, String responseCode, long authorizationId, String approvalCode);
    }

    private final ManyToOneRingBuffer ring;
    private final AtomicBoolean drainPending = new AtomicBoolean();
    private final MessageHandler handler = this::onAnswer;
    private final Answerer answerer;

    AnswerQueue(final Answerer answerer)
    {
        this.answerer = answerer;
        final int capacity = Integer.highestOneBit(CAPACITY * RECORD_BYTES - 1) << 1;
        this.ring = new ManyToOneRingBuffer(new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(capacity + RingBufferDescriptor.TRAILER_LENGTH, 64)));
    }

    /**
     * Queues one answer (any thread); false when the queue is full or the codes do not fit (the
     * caller hands it over another way). Then {@link #claimDrain()} says whether to schedule a drain.
     */
    boolean offer(final long correlationId, final String responseCode, final long authorizationId,
        final String approvalCode)
    {
        if (responseCode.length() != 2 ||
            approvalCode != null && approvalCode.length() > ResponseCodes.APPROVAL_CODE_LENGTH)
        {
            return false;
        }
        final int index = ring.tryClaim(ANSWER, LENGTH);
        if (index <= 0)
        {
            return false;
        }
        final AtomicBuffer buffer = ring.buffer();
        buffer.putLong(index + CORRELATION_ID, correlationId);
        buffer.putLong(index + AUTHORIZATION_ID, authorizationId);
        buffer.putByte(index + RESPONSE_CODE, (byte)responseCode.charAt(0));
        buffer.putByte(index + RESPONSE_CODE + 1, (byte)responseCode.charAt(1));
        final int approvalLength = approvalCode == null ? 0 : approvalCode.length();
        buffer.putByte(index + APPROVAL_LENGTH, (byte)approvalLength);
        for (int i = 0; i < approvalLength; i++)
        {
            buffer.putByte(index + APPROVAL_CODE + i, (byte)approvalCode.charAt(i));
        }
        ring.commit(index);
        return true;
    }

    /** True for the one caller that must schedule a {@link #drain()}: none is pending. Any thread. */
    boolean claimDrain()
    {
        return drainPending.compareAndSet(false, true);
    }

    /**
     * Answers everything queued (event loop). Clears the pending flag first, so an answer queued meanwhile gets a
     * drain of its own; {@link RingDrain} reads past the padding at the ring's wrap (stopping there once stranded
     * answers until the next one came, or forever at the end of traffic).
     */
    int drain()
    {
        drainPending.set(false);
        return RingDrain.readAll(ring, handler);
    }

    private void onAnswer(final int msgTypeId, final DirectBuffer buffer, final int index, final int length)
    {
        final int approvalLength = buffer.getByte(index + APPROVAL_LENGTH);
        final String approvalCode = approvalLength == 0 ? null :
            buffer.getStringWithoutLengthAscii(index + APPROVAL_CODE, approvalLength); // a remote issuer's: rare
        answerer.answer(buffer.getLong(index + CORRELATION_ID),
            ResponseCodes.intern(buffer.getByte(index + RESPONSE_CODE), buffer.getByte(index + RESPONSE_CODE + 1)),
            buffer.getLong(index + AUTHORIZATION_ID), approvalCode);
    }
}

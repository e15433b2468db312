package io.tahweel.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tahweel.sbe.MessageHeaderEncoder;
import io.tahweel.sbe.TimerTickDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;
import io.tahweel.sbe.TimerTickEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Builds real SBE journal entries (TimerTick) for tests, optionally followed by extra bytes the
 * journal must carry untouched.
 */
final class TestEntries
{
    static final long DAY1_NANOS = Instant.parse("2024-03-01T10:00:00Z").toEpochMilli() * 1_000_000L;
    static final long DAY2_NANOS = Instant.parse("2024-03-02T09:00:00Z").toEpochMilli() * 1_000_000L;
    private static final byte[] NO_EXTRA = new byte[0];
    /** A byte run placed after each marked test entry, so tests can find entries in the raw queue files. */
    static final byte[] MARKER = {'T', 'W', 'M', 'K'};

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final TimerTickEncoder encoder = new TimerTickEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(Journal.MAX_ENTRY_LENGTH + 64));

    /**
     * @return length of a TimerTick entry with the given sequence and timestamp, encoded in {@link #buffer()}.
     */
    int encode(final long sequence, final long timestampNanos)
    {
        return encode(sequence, timestampNanos, NO_EXTRA);
    }

    int encode(final long sequence, final long timestampNanos, final byte[] extra)
    {
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder);
        encoder.header().sequence(sequence).timestamp(timestampNanos).correlationId(sequence * 7).connectionId(3).epoch(1);
        encoder.tickId(sequence);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        buffer.putBytes(length, extra);
        return length + extra.length;
    }

    /**
     * Entry with the {@link #MARKER} followed by the sequence appended, to be found in raw files.
     */
    int encodeMarked(final long sequence, final long timestampNanos)
    {
        final ByteBuffer extra = ByteBuffer.allocate(MARKER.length + Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        extra.put(MARKER).putLong(sequence);
        return encode(sequence, timestampNanos, extra.array());
    }

    MutableDirectBuffer buffer()
    {
        return buffer;
    }

    static long appendMany(final Journal journal, final long from, final long to, final long timestampNanos)
    {
        final TestEntries entries = new TestEntries();
        for (long s = from; s <= to; s++)
        {
            journal.append(entries.buffer(), 0, entries.encode(s, timestampNanos + s));
        }
        return to;
    }

    static long tickIdOf(final DirectBuffer buffer, final int offset)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
        final TimerTickDecoder decoder = new TimerTickDecoder()
            .wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        return decoder.tickId();
    }

    /**
     * Collects what a handler saw, copying the bytes (the buffer is a flyweight).
     */
    static final class Collector implements EntryHandler
    {
        final List<Long> sequences = new ArrayList<>();
        final List<byte[]> payloads = new ArrayList<>();

        @Override
        public void onEntry(final DirectBuffer buffer, final int offset, final int length, final long sequence)
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            sequences.add(sequence);
            payloads.add(copy);
            if (tickIdOf(buffer, offset) != sequence)
            {
                throw new AssertionError("tickId does not match sequence " + sequence);
            }
        }
    }
}

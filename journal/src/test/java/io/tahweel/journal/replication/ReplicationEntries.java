package io.tahweel.journal.replication;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.tahweel.journal.Journal;
import io.tahweel.sbe.MessageHeaderEncoder;
import io.tahweel.sbe.TimerTickEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Real SBE journal entries (TimerTick) for replication tests, of varying sizes: every 50th carries
 * 10 KiB of extra bytes, far above one Aeron frame, so both the claim and the fragmented path are used.
 */
final class ReplicationEntries
{
    static final long START_NANOS = 1_795_608_000_000_000_000L;
    static final int LARGE_EXTRA = 10 * 1024;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TimerTickEncoder encoder = new TimerTickEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(Journal.MAX_ENTRY_LENGTH));

    int encode(final long sequence, final int epoch)
    {
        encoder.wrapAndApplyHeader(buffer, 0, header);
        encoder.header().sequence(sequence).timestamp(START_NANOS + sequence * 1_000).correlationId(sequence * 7)
            .connectionId(3).epoch(epoch);
        encoder.tickId(sequence);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        final int extra = sequence % 50 == 0 ? LARGE_EXTRA : (int)(sequence % 13);
        for (int i = 0; i < extra; i++)
        {
            buffer.putByte(length + i, (byte)(sequence + i));
        }
        return length + extra;
    }

    void append(final Journal journal, final long from, final long to, final int epoch)
    {
        for (long s = from; s <= to; s++)
        {
            journal.append(buffer, 0, encode(s, epoch));
        }
    }

    /**
     * @return every entry of the journal from 1 to {@code to}, copied.
     */
    static List<byte[]> read(final Journal journal, final long to)
    {
        final List<byte[]> entries = new ArrayList<>();
        journal.readRange(1, to, (buffer, offset, length, sequence) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            entries.add(copy);
        });
        return entries;
    }
}

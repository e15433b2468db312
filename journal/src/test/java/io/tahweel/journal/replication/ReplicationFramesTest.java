package io.tahweel.journal.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class ReplicationFramesTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

    @Test
    void sequenceFramesRoundTrip()
    {
        final int length = ReplicationFrames.encodeSequenceFrame(buffer, 16, ReplicationFrames.TYPE_ACK, 7, 123_456L);
        assertEquals(16, length);
        assertNull(ReplicationFrames.checkFrame(buffer, 16, length));
        assertEquals(ReplicationFrames.TYPE_ACK, ReplicationFrames.type(buffer, 16));
        assertEquals(7, ReplicationFrames.epoch(buffer, 16));
        assertEquals(123_456L, ReplicationFrames.sequence(buffer, 16));
    }

    @Test
    void entryHeaderDeclaresItsLength()
    {
        final int header = ReplicationFrames.encodeEntryHeader(buffer, 0, 2, 9, 40);
        assertEquals(24, header);
        assertNull(ReplicationFrames.checkFrame(buffer, 0, header + 40));
        assertEquals(40, ReplicationFrames.entryLength(buffer, 0));
        assertTrue(ReplicationFrames.checkFrame(buffer, 0, header + 39).contains("declares an entry of 40"));
    }

    @Test
    void checkpointCarriesTheDigest()
    {
        final UnsafeBuffer digest = new UnsafeBuffer(new byte[ReplicationFrames.DIGEST_LENGTH]);
        for (int i = 0; i < ReplicationFrames.DIGEST_LENGTH; i++)
        {
            digest.putByte(i, (byte)i);
        }
        final int length = ReplicationFrames.encodeCheckpoint(buffer, 8, 3, 1000, digest, 0);
        assertEquals(48, length);
        assertNull(ReplicationFrames.checkFrame(buffer, 8, length));
        assertEquals(31, buffer.getByte(8 + ReplicationFrames.DIGEST_OFFSET + 31));
    }

    @Test
    void malformedFramesAreNamed()
    {
        assertTrue(ReplicationFrames.checkFrame(buffer, 0, 7).contains("shorter than the header"));
        ReplicationFrames.encodeSequenceFrame(buffer, 0, ReplicationFrames.TYPE_HEARTBEAT, 1, 1);
        assertTrue(ReplicationFrames.checkFrame(buffer, 0, 12).contains("at least 16"));
        buffer.putShort(ReplicationFrames.TYPE_OFFSET, (short)99);
        assertTrue(ReplicationFrames.checkFrame(buffer, 0, 16).contains("unknown frame type 99"));
        buffer.putShort(ReplicationFrames.VERSION_OFFSET, (short)2);
        assertTrue(ReplicationFrames.checkFrame(buffer, 0, 16).contains("frame version 2"));
    }
}

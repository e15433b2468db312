package io.tahweel.gateways.iso8583;

import io.netty.buffer.ByteBuf;
import io.tahweel.gateways.card.PanTokenizer;
import org.agrona.concurrent.UnsafeBuffer;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acquirer's card path (decode, translate, in-flight template and forwarded fields, SBE, the
 * 0110 into a pooled ByteBuf) allocates nothing per message once warm, for both profiles: the
 * reason it replaced jPOS's {@code ISOMsg}. Measured with the thread's allocation counter over many
 * messages, so a stray allocation of a few bytes per message shows. The response buffer comes
 * from an allocator that hands out one buffer again and again: what Netty's pooled allocator does
 * per buffer (about 140 B on a thread without its thread cache, a little amortised bookkeeping on
 * an event loop) is Netty's, not the codec's.
 */
class AcquirerCodecPathAllocationTest
{
    private static final int WARM_UP = 30_000;
    private static final int MEASURED = 20_000;
    private static final OneBufferAllocator ALLOCATOR = new OneBufferAllocator(512);

    @Test
    void binaryProfileAllocatesNothingPerMessage() throws Exception
    {
        assertAllocationFree(new ListenerConfig("binary", 0), Iso8583Packagers.packager(FieldEncoding.BINARY));
    }

    @Test
    void asciiProfileWithTpduAllocatesNothingPerMessage() throws Exception
    {
        final ListenerConfig config = new ListenerConfig("ascii", 0).fieldEncoding(FieldEncoding.ASCII).tpdu(true);
        final ISOMsg msg = JposAcquirer.authorization("0200", TestSwitch.CARD, 100);
        msg.setPackager(Iso8583Packagers.packager(FieldEncoding.ASCII));
        final byte[] message = msg.pack();
        final byte[] frame = new byte[DecodedFrame.TPDU_LENGTH + message.length];
        frame[0] = 0x60;
        frame[2] = 1;
        System.arraycopy(message, 0, frame, DecodedFrame.TPDU_LENGTH, message.length);
        assertAllocationFree(config, frame);
    }

    private static void assertAllocationFree(final ListenerConfig config, final org.jpos.iso.ISOBasePackager packager)
        throws Exception
    {
        final ISOMsg msg = JposAcquirer.authorization("0100", TestSwitch.CARD, 100);
        msg.setPackager(packager);
        assertAllocationFree(config, msg.pack());
    }

    private static void assertAllocationFree(final ListenerConfig config, final byte[] frame)
    {
        final long perMessage = allocatedPerMessage(config, frame);
        assertTrue(perMessage >= 0 && perMessage < 1, "bytes allocated per message: " + perMessage);
    }

    private static long allocatedPerMessage(final ListenerConfig config, final byte[] frame)
    {
        final AcquirerCodecPath path = new AcquirerCodecPath(config, new PanTokenizer(new byte[16]), null);
        final UnsafeBuffer slot = new UnsafeBuffer(new byte[1024]);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        long checksum = run(path, frame, slot, WARM_UP, 1);
        final long before = threads.getThreadAllocatedBytes(thread);
        checksum += run(path, frame, slot, MEASURED, WARM_UP + 1);
        final long perMessage = (threads.getThreadAllocatedBytes(thread) - before) / MEASURED;
        return checksum > 0 ? perMessage : -1;
    }

    private static long run(final AcquirerCodecPath path, final byte[] frame, final UnsafeBuffer slot, final int count,
        final long firstId)
    {
        long checksum = 0;
        for (long i = firstId; i < firstId + count; i++)
        {
            if (!path.decode(frame, frame.length))
            {
                throw new IllegalStateException("malformed");
            }
            final int length = path.command(1, i << 16, slot);
            final ByteBuf response = path.respond(ALLOCATOR, "00", i);
            checksum += length + response.readableBytes();
            response.release();
        }
        return checksum;
    }
}

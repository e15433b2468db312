package io.tahweel.gateways.iso8583.issuer;

import io.netty.buffer.ByteBuf;
import io.tahweel.gateways.iso8583.FieldEncoding;
import io.tahweel.gateways.iso8583.ForwardedFields;
import io.tahweel.gateways.iso8583.Iso8583Packagers;
import io.tahweel.gateways.iso8583.LengthPrefix;
import io.tahweel.gateways.iso8583.OneBufferAllocator;
import io.tahweel.sbe.AuthorizeDecoder;
import io.tahweel.sbe.AuthorizeEncoder;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.MessageHeaderDecoder;
import io.tahweel.sbe.MessageHeaderEncoder;
import io.tahweel.sbe.StoreAndForwardKind;
import org.agrona.concurrent.UnsafeBuffer;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The issuer side's per-message path (the forwarded request written and framed through the
 * outbox, the issuer's 0110/0210 read; an advice and its 0130/0230/0430) allocates nothing per
 * message once warm, in both profiles: the reason it no longer builds an {@code ISOMsg}. Measured
 * with the thread's allocation counter over many messages, as AcquirerCodecPathAllocationTest. The
 * frame buffer comes from an allocator that hands out one buffer again and again: Netty's pooled
 * allocator's own bookkeeping is Netty's, not the codec's.
 */
class IssuerPathAllocationTest
{
    private static final int WARM_UP = 30_000;
    private static final int MEASURED = 20_000;
    private static final OneBufferAllocator ALLOCATOR = new OneBufferAllocator(1024);
    private static final byte[] PAN = "4567123400000019".getBytes(StandardCharsets.US_ASCII);

    @Test
    void binaryProfileAllocatesNothingPerMessage() throws Exception
    {
        assertAllocationFree(FieldEncoding.BINARY, LengthPrefix.BINARY_2, null);
    }

    @Test
    void asciiProfileWithTpduAllocatesNothingPerMessage() throws Exception
    {
        assertAllocationFree(FieldEncoding.ASCII, LengthPrefix.ASCII_4, new byte[]{ 0x60, 0, 1, 0, 0 });
    }

    private static void assertAllocationFree(final FieldEncoding encoding, final LengthPrefix prefix,
        final byte[] tpdu) throws Exception
    {
        final IssuerCodecPath path = new IssuerCodecPath(encoding, prefix, tpdu, "999001");
        final AuthorizeDecoder authorize = authorize();
        final ForwardedFields fields = ForwardedFields.none()
            .put(12, ascii("101530")).put(13, ascii("0612")).put(22, ascii("051")).put(25, ascii("00"))
            .put(35, ascii("4567123400000019=2812101")).put(43, ascii("SHOP"))
            .put(52, new byte[]{ 1, 2, 3, 4, 5, 6, 7, 8 });
        final byte[][] answers = answers(encoding);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        long checksum = run(path, authorize, fields, answers, WARM_UP, 1);
        final long before = threads.getThreadAllocatedBytes(thread);
        checksum += run(path, authorize, fields, answers, MEASURED, WARM_UP + 1);
        final double perMessage = (threads.getThreadAllocatedBytes(thread) - before) / (double)MEASURED;
        assertTrue(checksum > 0);
        System.out.printf("issuer path, %s: %.4f bytes allocated per iteration over %d%n", encoding, perMessage, MEASURED);
        assertTrue(perMessage >= 0 && perMessage < 1, "bytes allocated per message: " + perMessage);
    }

    private static long run(final IssuerCodecPath path, final AuthorizeDecoder authorize, final ForwardedFields fields,
        final byte[][] answers, final int count, final long firstId)
    {
        long checksum = 0;
        for (long id = firstId; id < firstId + count; id++)
        {
            final ByteBuf request = path.forward(ALLOCATOR, authorize, id, PAN, PAN.length, fields);
            checksum += request.readableBytes();
            request.release();
            final byte[] answer = answers[(int)(id & 1)];
            checksum += path.answer(answer, answer.length) + path.responseCode();
            final ByteBuf advice = path.advise(ALLOCATOR, authorize, id,
                StoreAndForwardKind.REVERSAL_ADVICE.value(), 500, PAN, PAN.length);
            checksum += advice.readableBytes();
            advice.release();
            checksum += path.answer(answers[2], answers[2].length);
        }
        return checksum;
    }

    /** A 0110 with field 38, a 0210 without, and a 0430, packed by jPOS. */
    private static byte[][] answers(final FieldEncoding encoding) throws Exception
    {
        final byte[][] answers = new byte[3][];
        final String[] mtis = { "0110", "0210", "0430" };
        for (int i = 0; i < answers.length; i++)
        {
            final ISOMsg msg = new ISOMsg(mtis[i]);
            msg.set(11, IssuerMessages.digits(IssuerMessages.stan(42), 6));
            msg.set(37, IssuerMessages.rrn(42));
            msg.set(39, "00");
            if (i == 0)
            {
                msg.set(38, "A1B2C3");
            }
            msg.setPackager(Iso8583Packagers.packager(encoding));
            answers[i] = msg.pack();
        }
        return answers;
    }

    private static AuthorizeDecoder authorize()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        final AuthorizeEncoder e = new AuthorizeEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        e.acquirerId(2).stan(5).transmissionDateTime(612101530L).amount(123_45).expiry(2812).currency(818)
            .processingCode(0).mcc(5411).captureMode(CaptureMode.DUAL_MESSAGE).rrn("RRN000000005")
            .terminalId("TERM0001").merchantId("MERCHANT0000001");
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        return new AuthorizeDecoder().wrapAndApplyHeader(buffer, 0, header);
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

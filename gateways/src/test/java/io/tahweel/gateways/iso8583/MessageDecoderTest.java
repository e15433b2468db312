package io.tahweel.gateways.iso8583;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageDecoderTest
{
    private final MessageDecoder decoder = new MessageDecoder(Iso8583Packagers.packager(FieldEncoding.BINARY), false);
    private final DecodedFrame out = new DecodedFrame();

    static byte[] pack(final ISOMsg msg) throws Exception
    {
        msg.setPackager(new ISO87BPackager());
        return msg.pack();
    }

    @Test
    void decodesAValidAuthorization() throws Exception
    {
        final byte[] bytes = pack(JposAcquirer.authorization("0100", TestSwitch.CARD, 100));
        decoder.decode(bytes, bytes.length, out);
        assertTrue(out.ok(), String.valueOf(out.error));
        assertEquals(100, out.mti);
        assertEquals(TestSwitch.CARD, out.fields.string(2));
    }

    @Test
    void eachMalformationHasItsReasonAndIdentifiableRequestsAreAnswerable() throws Exception
    {
        final byte[] valid = pack(JposAcquirer.authorization("0100", TestSwitch.CARD, 100));

        expect(Arrays.copyOf(valid, valid.length - 4), DecodeError.UNPACK_FAILED, true);
        expect(Arrays.copyOf(valid, valid.length + 1), DecodeError.TRAILING_BYTES, true);

        final byte[] stan = valid.clone();
        final int at = indexOfStan(valid);
        stan[at] = (byte)0xA1;
        expect(stan, DecodeError.INVALID_FIELD, true);
        assertEquals(11, out.errorField);
        assertFalse(out.fields.has(11), "an invalid field is not echoed");

        final byte[] overLong = pack(msgWithPanLengthPrefix());
        overLong[10] = 0x25; // LLNUM prefix 25 > 19
        expect(overLong, DecodeError.UNPACK_FAILED, true);

        expect(pack(withStan("0300")), DecodeError.UNKNOWN_MTI, true);
        expect(pack(withStan("0110")), DecodeError.UNKNOWN_MTI, false);

        final byte[] badMti = valid.clone();
        badMti[0] = (byte)0xFA;
        expect(badMti, DecodeError.BAD_MTI, false);

        expect(new byte[]{ 1 }, DecodeError.UNPACK_FAILED, false);
    }

    @Test
    void tpduIsSplitOffAndShortFramesAreRefused() throws Exception
    {
        final MessageDecoder nac = new MessageDecoder(Iso8583Packagers.packager(FieldEncoding.BINARY), true);
        final byte[] message = pack(JposAcquirer.network("301"));
        final byte[] frame = new byte[5 + message.length];
        frame[0] = 0x60;
        frame[2] = 1;
        System.arraycopy(message, 0, frame, 5, message.length);
        nac.decode(frame, frame.length, out);
        assertTrue(out.ok());
        assertArrayEquals(new byte[]{ 0x60, 0, 1, 0, 0 }, out.tpdu);
        nac.decode(new byte[3], 3, out);
        assertEquals(DecodeError.TRUNCATED_HEADER, out.error);
        assertFalse(out.read);
    }

    @Test
    void frameDecoderSkipsKeepAlivesAndOversizedFramesAndStopsOnABadAsciiPrefix()
    {
        final EmbeddedChannel binary = new EmbeddedChannel(new FrameDecoder(LengthPrefix.BINARY_2, 8));
        binary.writeInbound(Unpooled.wrappedBuffer(new byte[]{ 0, 0, 0, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 8 }));
        final FrameDecoder.FrameError oversized = assertInstanceOf(FrameDecoder.FrameError.class, binary.readInbound());
        assertEquals(DecodeError.OVERSIZED_FRAME, oversized.error);
        binary.writeInbound(Unpooled.wrappedBuffer(new byte[]{ 1, 2, 3, 4, 5, 6, 7, 8 }));
        assertArrayEquals(new byte[]{ 1, 2, 3, 4, 5, 6, 7, 8 }, bytes(binary.readInbound()), "a frame at the limit");
        assertNull(binary.readInbound());

        final EmbeddedChannel ascii = new EmbeddedChannel(new FrameDecoder(LengthPrefix.ASCII_4, 8));
        ascii.writeInbound(Unpooled.wrappedBuffer("0003abc0x12".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertArrayEquals("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII), bytes(ascii.readInbound()));
        final FrameDecoder.FrameError bad = assertInstanceOf(FrameDecoder.FrameError.class, ascii.readInbound());
        assertTrue(bad.fatal());
    }

    @Test
    void inFlightTableIsBoundedAndIgnoresStaleIds()
    {
        final InFlightTable table = new InFlightTable(2);
        final long a = table.put();
        final long b = table.put();
        assertEquals(InFlightTable.NONE, table.put(), "full at capacity");
        assertTrue(table.remove(a) != null);
        assertNull(table.remove(a), "answered once");
        final long c = table.put();
        assertTrue(c != a && (c & 0xFFFF) == (a & 0xFFFF), "slot reused under a new id");
        assertNull(table.remove(a));
        assertNull(table.response(a), "a stale id finds no template");
        assertTrue(table.remove(b) != null && table.remove(c) != null);
        assertEquals(0, table.size());
    }

    private static byte[] bytes(final Object frame)
    {
        final FrameDecoder.Frame received = assertInstanceOf(FrameDecoder.Frame.class, frame);
        return Arrays.copyOf(received.bytes, received.length);
    }

    private static ISOMsg withStan(final String mti) throws Exception
    {
        final ISOMsg msg = new ISOMsg(mti);
        msg.set(11, "000001");
        return msg;
    }

    private static ISOMsg msgWithPanLengthPrefix() throws Exception
    {
        final ISOMsg msg = new ISOMsg("0100");
        msg.set(2, TestSwitch.CARD);
        return msg;
    }

    private void expect(final byte[] bytes, final DecodeError error, final boolean answerable)
    {
        decoder.decode(bytes, bytes.length, out);
        assertEquals(error, out.error, out.detail);
        assertEquals(answerable, out.answerable(), "answerable");
    }

    /** Offset of field 11 in the packed 0100 of JposAcquirer (after 2, 3, 4, 7). */
    private static int indexOfStan(final byte[] packed)
    {
        return 2 + 8 + 1 + 8 + 3 + 6 + 5;
    }
}

package io.tahweel.gateways.iso8583;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.jpos.iso.IFA_AMOUNT;
import org.jpos.iso.IFA_BINARY;
import org.jpos.iso.IFA_LLNUM;
import org.jpos.iso.IFA_NUMERIC;
import org.jpos.iso.IFB_AMOUNT;
import org.jpos.iso.IFB_BINARY;
import org.jpos.iso.IFB_LLNUM;
import org.jpos.iso.IFB_NUMERIC;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOFieldPackager;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The flyweight against jPOS, which it replaced and which stays the reference: for random messages
 * built with jPOS and packed with each profile's packager, {@link Iso8583Fields} reads the same
 * fields and values as jPOS's unpack; for mutated frames it fails exactly where jPOS fails and keeps
 * the same fields read before; and the responses {@link ResponseWriter} writes are byte for byte
 * jPOS's pack of the same response (the way the gateway built them before), with and without TPDU.
 * Seeded: a failure names the seed.
 */
class Iso8583FieldsEquivalenceTest
{
    private static final FieldEncoding[] PROFILES = FieldEncoding.values();
    private static final int[] REQUEST_MTIS = { 100, 101, 200, 201, 220, 221, 400, 401, 420, 421, 800 };
    private static final String[] CODES = { "00", "05", "30", "91", "12" };

    @Property(tries = 1500)
    void readsTheFieldsAndValuesJposUnpacks(@ForAll final long seed) throws Exception
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (final FieldEncoding profile : PROFILES)
        {
            final ISOBasePackager packager = Iso8583Packagers.packager(profile);
            final ISOMsg msg = randomMessage(packager, random, false);
            msg.setPackager(packager);
            final byte[] packed = msg.pack();
            final Iso8583Fields fields = new Iso8583Fields();
            assertTrue(fields.wrap(formats(profile), packed, 0, packed.length), "seed " + seed);
            assertEquals(packed.length, fields.consumed(), "seed " + seed);
            assertSameFields(unpack(packager, packed), fields, "seed " + seed + " " + profile);
        }
    }

    @Property(tries = 3000)
    void failsWhereJposFailsAndKeepsWhatItRead(@ForAll final long seed) throws Exception
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (final FieldEncoding profile : PROFILES)
        {
            final ISOBasePackager packager = Iso8583Packagers.packager(profile);
            final ISOMsg msg = randomMessage(packager, random, false);
            msg.setPackager(packager);
            final byte[] packed = mutate(msg.pack(), random);
            final ISOMsg reference = new ISOMsg();
            int consumed = -1;
            try
            {
                consumed = packager.unpack(reference, packed);
            }
            catch (final ISOException | RuntimeException ex)
            {
                // jPOS failed part-way: what it set before stays in reference
            }
            final Iso8583Fields fields = new Iso8583Fields();
            final String context = "seed " + seed + " " + profile;
            assertEquals(consumed >= 0, fields.wrap(formats(profile), packed, 0, packed.length), context);
            if (consumed >= 0)
            {
                assertEquals(consumed, fields.consumed(), context);
            }
            assertSameFields(reference, fields, context);
        }
    }

    @Property(tries = 1500)
    void writesTheResponseJposWouldPack(@ForAll final long seed) throws Exception
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (final FieldEncoding profile : PROFILES)
        {
            for (final boolean tpdu : new boolean[]{ false, true })
            {
                final ISOBasePackager packager = Iso8583Packagers.packager(profile);
                final int mti = REQUEST_MTIS[random.nextInt(REQUEST_MTIS.length)];
                final ISOMsg request = randomMessage(packager, random, true);
                request.setMTI(Mti.format(mti));
                request.setPackager(packager);
                final byte[] message = request.pack();
                final byte[] frameBytes = tpdu ? withTpdu(message, random) : message;
                final String code = CODES[random.nextInt(CODES.length)];
                final long authorizationId = random.nextInt(4) == 0 ? 0 : random.nextLong(1, Long.MAX_VALUE);
                final String approvalCode = random.nextInt(3) == 0 ? "A1B2" : null;
                final LengthPrefix prefix = random.nextBoolean() ? LengthPrefix.BINARY_2 : LengthPrefix.ASCII_4;
                final String context = "seed " + seed + " " + profile + " tpdu " + tpdu;

                final byte[] expected = jposResponse(packager, prefix, frameBytes, tpdu, code, authorizationId,
                    approvalCode);
                final byte[] actual = flyweightResponse(packager, prefix, frameBytes, tpdu, code, authorizationId,
                    approvalCode);
                assertArrayEquals(expected, actual, context);
            }
        }
    }

    @Test
    void anEchoedFieldIsWrittenAsJposRepacksIt() throws Exception
    {
        // jPOS ignores the pad nibble of an odd-length BCD value and a non-canonical BCD length prefix
        // when it unpacks, and writes 0 and the canonical prefix when it packs the answer: so must we
        final ISOBasePackager packager = Iso8583Packagers.packager(FieldEncoding.BINARY);
        final ISOMsg request = JposAcquirer.network("301");
        request.set(32, "12345");
        request.setPackager(packager);
        final byte[] bytes = request.pack();
        final int at = indexOf(bytes, new byte[]{ 0x05, 0x12, 0x34, 0x50 });
        bytes[at + 3] = 0x5F;
        bytes[at] = 0x05;
        final byte[] expected = jposResponse(packager, LengthPrefix.BINARY_2, bytes, false, "00", 0, null);
        final byte[] actual = flyweightResponse(packager, LengthPrefix.BINARY_2, bytes, false, "00", 0, null);
        assertArrayEquals(expected, actual);
        bytes[at] = 0x0A; // BcdPrefixer reads 0x0A as 0 * 10 + 10
        final byte[] longer = Arrays.copyOf(bytes, bytes.length + 2);
        System.arraycopy(bytes, at + 4, longer, at + 6, bytes.length - at - 4);
        longer[at + 3] = 0x56;
        longer[at + 4] = 0x78;
        longer[at + 5] = (byte)0x90;
        final ISOMsg reference = unpack(packager, longer);
        assertEquals("1234567890", reference.getString(32));
        assertArrayEquals(jposResponse(packager, LengthPrefix.BINARY_2, longer, false, "00", 0, null),
            flyweightResponse(packager, LengthPrefix.BINARY_2, longer, false, "00", 0, null));
    }

    private static byte[] flyweightResponse(final ISOBasePackager packager, final LengthPrefix prefix,
        final byte[] frameBytes, final boolean tpdu, final String code, final long authorizationId,
        final String approvalCode)
    {
        final MessageDecoder decoder = new MessageDecoder(packager, tpdu);
        final DecodedFrame frame = new DecodedFrame();
        decoder.decode(frameBytes, frameBytes.length, frame);
        assertTrue(frame.ok(), String.valueOf(frame.error) + " " + frame.detail);
        final ResponseTemplate template = new ResponseTemplate();
        ResponseWriter.template(frame.fields, frame.mti, frame, template);
        final ByteBuf buffer = new ResponseWriter(decoder.formats(), prefix)
            .frame(UnpooledByteBufAllocator.DEFAULT, template, code, authorizationId, approvalCode);
        try
        {
            final byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        }
        finally
        {
            buffer.release();
        }
    }

    /** What the gateway did before the flyweight: a jPOS response with the echoed fields, 39 and 38, packed. */
    private static byte[] jposResponse(final ISOBasePackager packager, final LengthPrefix prefix,
        final byte[] frameBytes, final boolean tpdu, final String code, final long authorizationId,
        final String approvalCode) throws ISOException
    {
        final int offset = tpdu ? DecodedFrame.TPDU_LENGTH : 0;
        final ISOMsg request = unpack(packager, Arrays.copyOfRange(frameBytes, offset, frameBytes.length));
        final int mti = Mti.response(Mti.parse(request.getMTI()));
        final ISOMsg response = new ISOMsg();
        response.setMTI(Mti.format(mti));
        for (final int field : ResponseWriter.ECHOED)
        {
            if (request.hasField(field))
            {
                response.set(field, request.getString(field));
            }
        }
        response.set(39, code);
        if (ResponseCodes.APPROVED.equals(code) && authorizationId > 0 &&
            (mti == Mti.response(Mti.AUTHORIZATION) || mti == Mti.response(Mti.FINANCIAL)))
        {
            response.set(38, approvalCode != null ? approvalCode : ResponseCodes.approvalCode(authorizationId));
        }
        response.setPackager(packager);
        final byte[] body = response.pack();
        final int length = offset + body.length;
        final byte[] out = new byte[prefix.bytes() + length];
        FrameReader.writeLength(prefix, length, out, 0);
        if (tpdu)
        {
            final byte[] header = Arrays.copyOf(frameBytes, DecodedFrame.TPDU_LENGTH);
            ResponseWriter.swap(header);
            System.arraycopy(header, 0, out, prefix.bytes(), header.length);
        }
        System.arraycopy(body, 0, out, prefix.bytes() + offset, body.length);
        return out;
    }

    private static void assertSameFields(final ISOMsg reference, final Iso8583Fields fields, final String context)
    {
        for (int i = 0; i <= 128; i++)
        {
            if (i == 1)
            {
                continue;
            }
            assertEquals(reference.hasField(i), fields.has(i), context + " field " + i);
            if (!reference.hasField(i))
            {
                continue;
            }
            final Object value = reference.getValue(i);
            if (value instanceof byte[])
            {
                assertArrayEquals((byte[])value, fields.bytes(i), context + " field " + i);
            }
            else
            {
                assertEquals(comparable((String)value), comparable(fields.string(i)), context + " field " + i);
            }
        }
        assertEquals(Mti.parse(reference.hasField(0) ? reference.getString(0) : null), fields.mti(), context);
    }

    /** IFB_AMOUNT reads its sign byte in the platform charset: a non-ASCII byte is not comparable, and invalid either way. */
    private static String comparable(final String value)
    {
        final StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            out.append(c >= 0x80 ? '\uFFFD' : c);
        }
        return out.toString();
    }

    private static ISOMsg unpack(final ISOBasePackager packager, final byte[] bytes) throws ISOException
    {
        final ISOMsg msg = new ISOMsg();
        packager.unpack(msg, bytes);
        return msg;
    }

    private static FieldFormats formats(final FieldEncoding profile)
    {
        return new FieldFormats(Iso8583Packagers.packager(profile));
    }

    /**
     * A message with a random MTI and random valid fields: a few of the 128 (or, for responses,
     * the fields a request carries, with the echoed ones likely), values of random valid lengths.
     */
    static ISOMsg randomMessage(final ISOBasePackager packager, final SplittableRandom random, final boolean request)
        throws ISOException
    {
        final ISOMsg msg = new ISOMsg(Mti.format(REQUEST_MTIS[random.nextInt(REQUEST_MTIS.length)]));
        final int count = 1 + random.nextInt(request ? 20 : 30);
        for (int n = 0; n < count; n++)
        {
            final int field = request && random.nextBoolean() ?
                ResponseWriter.ECHOED[random.nextInt(ResponseWriter.ECHOED.length)] : 2 + random.nextInt(127);
            if (field == 65 || request && (field == 38 || field == 39))
            {
                continue;
            }
            final ISOFieldPackager fp = packager.getFieldPackager(field);
            if (fp instanceof IFB_BINARY || fp instanceof IFA_BINARY)
            {
                final byte[] bytes = new byte[fp.getLength()];
                random.nextBytes(bytes);
                msg.set(field, bytes);
            }
            else
            {
                msg.set(field, value(fp, field, random));
            }
        }
        if (msg.getMaxField() < 2)
        {
            msg.set(11, "000001"); // jPOS packs a message without fields with no bitmap at all
        }
        return msg;
    }

    private static String value(final ISOFieldPackager fp, final int field, final SplittableRandom random)
    {
        final boolean fixed = fp instanceof IFB_NUMERIC || fp instanceof IFA_NUMERIC || fp instanceof IFB_AMOUNT ||
            fp instanceof IFA_AMOUNT || fp instanceof org.jpos.iso.IF_CHAR;
        final int max = Math.min(fp.getLength(), 40);
        final int length = fixed ? fp.getLength() : random.nextInt(max + 1);
        final StringBuilder value = new StringBuilder(length);
        final boolean numeric = fp instanceof IFB_NUMERIC || fp instanceof IFA_NUMERIC || fp instanceof IFB_LLNUM ||
            fp instanceof IFA_LLNUM;
        for (int i = 0; i < length; i++)
        {
            if (fp instanceof IFB_AMOUNT || fp instanceof IFA_AMOUNT)
            {
                value.append(i == 0 ? (random.nextBoolean() ? 'C' : 'D') : (char)('0' + random.nextInt(10)));
            }
            else if (numeric)
            {
                value.append(field == 35 && i == 16 ? '=' : (char)('0' + random.nextInt(10)));
            }
            else
            {
                value.append((char)(0x20 + random.nextInt(0x5F)));
            }
        }
        return value.toString();
    }

    private static byte[] mutate(final byte[] packed, final SplittableRandom random)
    {
        byte[] bytes = packed.clone();
        switch (random.nextInt(5))
        {
            case 0:
                for (int n = 1 + random.nextInt(4); n > 0; n--)
                {
                    bytes[random.nextInt(bytes.length)] ^= (byte)(1 << random.nextInt(8));
                }
                break;
            case 1:
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
                break;
            case 2:
                bytes[random.nextInt(bytes.length)] = (byte)random.nextInt(256);
                break;
            case 3:
                bytes = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(8));
                break;
            default:
                final byte[] junk = new byte[random.nextInt(48)];
                random.nextBytes(junk);
                bytes = junk;
                break;
        }
        return bytes;
    }

    private static byte[] withTpdu(final byte[] message, final SplittableRandom random)
    {
        final byte[] frame = new byte[DecodedFrame.TPDU_LENGTH + message.length];
        frame[0] = 0x60;
        for (int i = 1; i < DecodedFrame.TPDU_LENGTH; i++)
        {
            frame[i] = (byte)random.nextInt(256);
        }
        System.arraycopy(message, 0, frame, DecodedFrame.TPDU_LENGTH, message.length);
        return frame;
    }

    private static int indexOf(final byte[] bytes, final byte[] pattern)
    {
        for (int i = 0; i + pattern.length <= bytes.length; i++)
        {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length))
            {
                return i;
            }
        }
        throw new IllegalStateException("pattern not found");
    }
}

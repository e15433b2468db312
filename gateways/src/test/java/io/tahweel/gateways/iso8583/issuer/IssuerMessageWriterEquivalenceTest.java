package io.tahweel.gateways.iso8583.issuer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tahweel.gateways.iso8583.FieldEncoding;
import io.tahweel.gateways.iso8583.FieldFormats;
import io.tahweel.gateways.iso8583.ForwardedFields;
import io.tahweel.gateways.iso8583.Iso8583Packagers;
import io.tahweel.gateways.iso8583.Iso8583Writer;
import io.tahweel.gateways.iso8583.LengthPrefix;
import io.tahweel.sbe.AuthorizeDecoder;
import io.tahweel.sbe.AuthorizeEncoder;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.MessageHeaderDecoder;
import io.tahweel.sbe.MessageHeaderEncoder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.agrona.concurrent.UnsafeBuffer;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link IssuerMessageWriter} against the jPOS builder it replaced ({@link JposIssuerMessages}),
 * which stays the reference: for random authorizations (every optional field present or not, the
 * acquirer's forwarded fields in any combination, values in and out of their fields' limits), each
 * profile, each framing (length prefix, TPDU or none), the frame the link writes is byte for byte
 * the frame it wrote from jPOS's pack; where jPOS refused to pack, the writer refuses too. Advices
 * of every kind, first sends and repeats, the same. Seeded: a failure names the seed.
 */
class IssuerMessageWriterEquivalenceTest
{
    private static final byte[] TPDU = { 0x60, 0x00, 0x01, 0x00, 0x00 };
    private static final int[] FORWARDED = { 12, 13, 22, 25, 35, 43, 52 };

    @Property(tries = 2000)
    void forwardedRequestsAreJposBytes(@ForAll final long seed) throws Exception
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (final FieldEncoding profile : FieldEncoding.values())
        {
            final String institution = institution(random);
            final AuthorizeDecoder authorize = authorize(random);
            final long authorizationId = authorizationId(random);
            final byte[] pan = pan(random);
            final ForwardedFields fields = random.nextInt(5) == 0 ? null : forwarded(random);
            final ISOMsg reference = new JposIssuerMessages(institution).request(authorize, authorizationId, pan,
                pan.length, fields);
            final byte[] out = new byte[IssuerMessageWriter.MAX_MESSAGE_LENGTH];
            final int length = new IssuerMessageWriter(FieldFormats.of(profile), institution)
                .request(authorize, authorizationId, pan, pan.length, fields, out, 0, out.length);
            assertSameFrame(profile, reference, out, length, random, "seed " + seed + " " + profile);
        }
    }

    @Property(tries = 2000)
    void advicesAndTheirRepeatsAreJposBytes(@ForAll final long seed) throws Exception
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (final FieldEncoding profile : FieldEncoding.values())
        {
            final String institution = institution(random);
            final AuthorizeDecoder authorize = authorize(random);
            final long authorizationId = authorizationId(random);
            final byte[] pan = pan(random);
            final int kind = random.nextInt(5);
            final long amount = random.nextInt(4) == 0 ? 0 : amount(random);
            final ISOMsg reference = new JposIssuerMessages(institution).advice(authorize, authorizationId, kind, amount,
                pan, pan.length);
            final byte[] out = new byte[IssuerMessageWriter.MAX_MESSAGE_LENGTH];
            final IssuerMessageWriter writer = new IssuerMessageWriter(FieldFormats.of(profile), institution);
            final int length = writer.advice(authorize, authorizationId, kind, amount, pan, pan.length, out, 0,
                out.length);
            final String context = "seed " + seed + " " + profile + " kind " + kind;
            if (reference == null)
            {
                assertEquals(IssuerMessageWriter.UNKNOWN_KIND, length, context);
                continue;
            }
            if (length > 0 && random.nextBoolean())
            {
                final int mti = Integer.parseInt(reference.getMTI());
                JposIssuerMessages.setMti(reference, mti + 1);
                writer.markRepeat(out, 0, mti);
            }
            assertSameFrame(profile, reference, out, length, random, context);
        }
    }

    /** The old link's write: jPOS pack, then prefix and TPDU; the new: the writer's bytes framed the same way. */
    private static void assertSameFrame(final FieldEncoding profile, final ISOMsg reference, final byte[] out,
        final int length, final SplittableRandom random, final String context)
    {
        final ISOBasePackager packager = Iso8583Packagers.packager(profile);
        byte[] packed;
        try
        {
            reference.setPackager(packager);
            packed = reference.pack();
        }
        catch (final ISOException | RuntimeException ex)
        {
            packed = null;
        }
        if (packed == null)
        {
            assertEquals(Iso8583Writer.NOT_WRITTEN, length, context + ": jPOS refused to pack");
            return;
        }
        assertEquals(packed.length, length, context + ": length");
        final LengthPrefix prefix = random.nextBoolean() ? LengthPrefix.BINARY_2 : LengthPrefix.ASCII_4;
        final byte[] tpdu = random.nextBoolean() ? TPDU : null;
        final ByteBuf expected = Unpooled.buffer();
        IssuerFrameDecoder.writeLength(prefix, (tpdu == null ? 0 : tpdu.length) + packed.length, expected);
        if (tpdu != null)
        {
            expected.writeBytes(tpdu);
        }
        expected.writeBytes(packed);
        final ByteBuf actual = Unpooled.buffer();
        IssuerFrameDecoder.writeFrame(prefix, tpdu, out, length, actual);
        assertEquals(ByteBufUtil.hexDump(expected), ByteBufUtil.hexDump(actual), context);
    }

    private static String institution(final SplittableRandom random)
    {
        return random.nextInt(20) == 0 ? digits(random, 12) : digits(random, 1 + random.nextInt(11));
    }

    private static long authorizationId(final SplittableRandom random)
    {
        return random.nextInt(10) == 0 ? random.nextLong(1, Long.MAX_VALUE) : random.nextLong(1, 10_000_000);
    }

    private static long amount(final SplittableRandom random)
    {
        return switch (random.nextInt(10))
        {
            case 0 -> random.nextLong();
            case 1 -> -random.nextLong(1, 1_000);
            default -> random.nextLong(0, 1_000_000_000_000L);
        };
    }

    private static byte[] pan(final SplittableRandom random)
    {
        final int length = random.nextInt(12) == 0 ? random.nextInt(21) : 12 + random.nextInt(8);
        return digits(random, length).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static AuthorizeDecoder authorize(final SplittableRandom random)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        final AuthorizeEncoder e = new AuthorizeEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        e.acquirerId(random.nextInt(4) == 0 ? random.nextLong(0, 1L << 32) : random.nextInt(1, 1000))
            .stan(random.nextInt(1, 999_999))
            .transmissionDateTime(random.nextInt(10) == 0 ? random.nextLong() : random.nextLong(0, 10_000_000_000L))
            .amount(amount(random))
            .expiry(random.nextInt(3) == 0 ? 0 : random.nextInt(random.nextInt(10) == 0 ? 65_536 : 10_000))
            .currency(random.nextInt(random.nextInt(10) == 0 ? 65_536 : 1_000))
            .processingCode(random.nextInt(10) == 0 ? random.nextLong(0, 1L << 32) : random.nextInt(1_000_000))
            .mcc(random.nextInt(3) == 0 ? 0 : random.nextInt(random.nextInt(10) == 0 ? 65_536 : 10_000))
            .captureMode(random.nextBoolean() ? CaptureMode.SINGLE_MESSAGE : CaptureMode.DUAL_MESSAGE)
            .rrn("RRN000000005");
        e.putTerminalId(identifier(random, 8), 0);
        e.putMerchantId(identifier(random, 15), 0);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        return new AuthorizeDecoder().wrapAndApplyHeader(buffer, 0, header);
    }

    /** Printable, blank, padded with spaces or NULs at either end, or with bytes outside ASCII. */
    private static byte[] identifier(final SplittableRandom random, final int length)
    {
        final byte[] value = new byte[length];
        final int style = random.nextInt(6);
        for (int i = 0; i < length; i++)
        {
            value[i] = switch (style)
            {
                case 0 -> (byte)' ';
                case 1 -> (byte)random.nextInt(256);
                case 2 -> i < 2 || i > length - 3 ? (byte)(random.nextBoolean() ? ' ' : '\t') : letter(random);
                case 3 -> i > length / 2 ? 0 : letter(random);
                default -> letter(random);
            };
        }
        return value;
    }

    private static byte letter(final SplittableRandom random)
    {
        return (byte)(random.nextInt(10) == 0 ? ' ' : 'A' + random.nextInt(26));
    }

    /** A random subset of the acquirer's fields, sometimes a value too long or short for its field. */
    private static ForwardedFields forwarded(final SplittableRandom random)
    {
        final ForwardedFields fields = ForwardedFields.none();
        for (final int field : FORWARDED)
        {
            if (random.nextBoolean())
            {
                continue;
            }
            final boolean odd = random.nextInt(30) == 0;
            final byte[] value = switch (field)
            {
                case 12 -> ascii(digits(random, odd ? 7 : 6));
                case 13 -> ascii(digits(random, odd ? 3 : 4));
                case 22 -> ascii(digits(random, odd ? 4 : 3));
                case 25 -> ascii(digits(random, odd ? 1 : 2));
                case 35 -> ascii(digits(random, 16) + "=" + digits(random, odd ? 21 : random.nextInt(21)));
                case 43 -> ascii(text(random, odd ? 41 : 1 + random.nextInt(40)));
                default -> bytes(random, odd ? 7 : 8);
            };
            fields.put(field, value);
        }
        return fields;
    }

    private static String digits(final SplittableRandom random, final int length)
    {
        final char[] chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = (char)('0' + random.nextInt(10));
        }
        return new String(chars);
    }

    private static String text(final SplittableRandom random, final int length)
    {
        final char[] chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = (char)(' ' + random.nextInt(95));
        }
        return new String(chars);
    }

    private static byte[] bytes(final SplittableRandom random, final int length)
    {
        final byte[] value = new byte[length];
        for (int i = 0; i < length; i++)
        {
            value[i] = (byte)random.nextInt(256);
        }
        return value;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}

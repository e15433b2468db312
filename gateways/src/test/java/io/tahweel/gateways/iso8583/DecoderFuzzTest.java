package io.tahweel.gateways.iso8583;

import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.ISO87APackager;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Throws mutated frames at the framing rule and the message decoder, in process: bit flips,
 * truncations, length prefixes that lie, random bytes, and valid messages with a field set to
 * junk. Every frame must end as a decoded, fully valid message or as a named error; nothing may
 * throw; and the flyweight decoder must agree with the jPOS decoder it replaced
 * ({@link JposReferenceDecoder}) on the error, its field, the MTI and whether the frame can be
 * answered 30, with the same fields left to echo. Seeded: a failure prints the seed and the iteration.
 */
class DecoderFuzzTest
{
    static final long SEED = 0x7A4B_EE1L;
    /** The fast suite's share: about 1.5-3 s here. */
    static final int FAST_FRAMES = 100_000;
    /** The million: 12-28 s on this 2-core machine depending on load, so it runs with -Pslow. */
    static final int MILLION = 1_000_000;

    @Test
    void mutatedFramesEndAsMessagesOrNamedErrors() throws Exception
    {
        run(SEED, FAST_FRAMES);
    }

    @Test
    @Tag("slow")
    void aMillionMutatedFramesPerSeed() throws Exception
    {
        run(SEED, MILLION);
        run(SEED + 1, MILLION);
    }

    private static void run(final long seed, final int frames) throws Exception
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Codec binary = new Codec(FieldEncoding.BINARY, LengthPrefix.BINARY_2, false, corpus(new ISO87BPackager(), random));
        final Codec ascii = new Codec(FieldEncoding.ASCII, LengthPrefix.ASCII_4, false, corpus(new ISO87APackager(), random));
        final Codec nac = new Codec(FieldEncoding.BINARY, LengthPrefix.BINARY_2, true, corpus(new ISO87BPackager(), random));
        final Map<DecodeError, Integer> outcomes = new EnumMap<>(DecodeError.class);
        final DecodedFrame out = new DecodedFrame();
        int incomplete = 0;
        for (int i = 0; i < frames; i++)
        {
            final Codec codec = i % 8 == 0 ? ascii : i % 8 == 1 ? nac : binary;
            final byte[] wire = mutate(codec, random);
            try
            {
                incomplete += feed(codec, wire, out, outcomes);
            }
            catch (final Throwable ex)
            {
                fail("seed " + seed + " iteration " + i + ": " + ex, ex);
            }
        }
        int total = incomplete;
        for (final int count : outcomes.values())
        {
            total += count;
        }
        assertTrue(total >= frames, "every frame has an outcome");
        assertTrue(outcomes.getOrDefault(DecodeError.NONE, 0) > 0, "some survive as valid messages: " + outcomes);
        for (final DecodeError error : new DecodeError[]{ DecodeError.UNPACK_FAILED, DecodeError.INVALID_FIELD,
            DecodeError.TRAILING_BYTES, DecodeError.OVERSIZED_FRAME, DecodeError.BAD_LENGTH_PREFIX })
        {
            assertTrue(outcomes.getOrDefault(error, 0) > 0, error + " reached: " + outcomes);
        }
    }

    /** Reads frames off {@code wire} as the Netty decoder would; returns 1 when the tail is an incomplete frame. */
    private static int feed(final Codec codec, final byte[] wire, final DecodedFrame out, final Map<DecodeError, Integer> outcomes)
    {
        int position = 0;
        final int prefix = codec.prefix.bytes();
        while (wire.length - position >= prefix)
        {
            final int length = FrameReader.statedLength(codec.prefix, wire, position);
            if (length == FrameReader.BAD_PREFIX)
            {
                outcomes.merge(DecodeError.BAD_LENGTH_PREFIX, 1, Integer::sum);
                return 0;
            }
            if (length > Iso8583Limits.MAX_FRAME_LENGTH)
            {
                outcomes.merge(DecodeError.OVERSIZED_FRAME, 1, Integer::sum);
                return 0;
            }
            if (wire.length - position - prefix < length)
            {
                return 1;
            }
            final byte[] frame = java.util.Arrays.copyOfRange(wire, position + prefix, position + prefix + length);
            codec.decoder.decode(frame, length, out);
            if (out.ok())
            {
                checkValid(codec, out);
            }
            codec.reference.decode(frame, length, codec.expected);
            sameAsReference(codec.expected, out);
            outcomes.merge(out.error, 1, Integer::sum);
            position += prefix + length;
        }
        return position < wire.length ? 1 : 0;
    }

    private static void checkValid(final Codec codec, final DecodedFrame out)
    {
        assertTrue(Mti.isSupported(out.mti));
        for (int f = 2; f <= 128; f++)
        {
            if (out.fields.has(f) && !out.fields.binary(f))
            {
                assertTrue(codec.decoder.rules().valid(f, out.fields.string(f)), "field " + f);
            }
        }
    }

    private static void sameAsReference(final JposReferenceDecoder.Result expected, final DecodedFrame out)
    {
        assertEquals(expected.error, out.error, "error");
        if (expected.error == DecodeError.INVALID_FIELD)
        {
            assertEquals(expected.errorField, out.errorField, "invalid field");
        }
        assertEquals(expected.mti, out.mti, "MTI");
        assertEquals(expected.answerable(), out.answerable(), "answerable");
        if (expected.answerable())
        {
            for (final int field : ResponseWriter.ECHOED)
            {
                assertEquals(expected.message.hasField(field), out.fields.has(field), "echoed field " + field);
                if (out.fields.has(field))
                {
                    assertEquals(expected.message.getString(field), out.fields.string(field), "echoed field " + field);
                }
            }
        }
    }

    private static byte[] mutate(final Codec codec, final SplittableRandom random)
    {
        final byte[] base = codec.corpus.get(random.nextInt(codec.corpus.size()));
        final int kind = random.nextInt(6);
        byte[] payload = base.clone();
        int statedLength = payload.length;
        switch (kind)
        {
            case 0: // bit flips
                for (int n = 1 + random.nextInt(4); n > 0; n--)
                {
                    final int at = random.nextInt(payload.length);
                    payload[at] ^= (byte)(1 << random.nextInt(8));
                }
                break;
            case 1: // truncation, told honestly
                payload = java.util.Arrays.copyOf(payload, random.nextInt(payload.length));
                statedLength = payload.length;
                break;
            case 2: // the length prefix lies
                statedLength = random.nextInt(10) == 0 ? random.nextInt(codec.prefix.largestEncodable() + 1) :
                    Math.max(0, payload.length + random.nextInt(-8, 9));
                break;
            case 3: // random bytes
                payload = new byte[random.nextInt(64)];
                for (int i = 0; i < payload.length; i++)
                {
                    payload[i] = (byte)random.nextInt(256);
                }
                statedLength = payload.length;
                break;
            case 4: // a byte overwritten
                payload[random.nextInt(payload.length)] = (byte)random.nextInt(256);
                break;
            default: // valid as is (the corpus includes frames with junk field values)
                break;
        }
        final byte[] wire = new byte[codec.prefix.bytes() + payload.length];
        if (random.nextInt(50) == 0 && codec.prefix == LengthPrefix.ASCII_4)
        {
            wire[0] = 'x';
        }
        else
        {
            FrameReader.writeLength(codec.prefix, Math.min(statedLength, codec.prefix.largestEncodable()), wire, 0);
        }
        System.arraycopy(payload, 0, wire, codec.prefix.bytes(), payload.length);
        return wire;
    }

    /** Valid messages of every supported type, and copies with one field set to random characters. */
    private static List<byte[]> corpus(final org.jpos.iso.ISOBasePackager packager, final SplittableRandom random)
        throws Exception
    {
        final List<ISOMsg> messages = new ArrayList<>();
        final ISOMsg auth = JposAcquirer.authorization("0100", TestSwitch.CARD, 12_345);
        messages.add(auth);
        final ISOMsg track2 = JposAcquirer.authorization("0200", TestSwitch.CARD2, 99);
        track2.unset(2);
        track2.set(35, TestSwitch.CARD2 + "=27061010000000");
        messages.add(track2);
        final ISOMsg reversal = JposAcquirer.follow("0400", auth, 12_345);
        reversal.set(95, "000000001000" + "0".repeat(30));
        messages.add(reversal);
        messages.add(JposAcquirer.follow("0220", auth, 10_000));
        messages.add(JposAcquirer.network("001"));
        final List<byte[]> corpus = new ArrayList<>();
        for (final ISOMsg msg : messages)
        {
            msg.setPackager(packager);
            corpus.add(msg.pack());
        }
        final int[] fields = { 3, 4, 7, 11, 14, 32, 37, 41, 42, 49, 90 };
        for (int n = 0; n < 200; n++)
        {
            final ISOMsg msg = (ISOMsg)messages.get(n % 4).clone();
            final int field = fields[random.nextInt(fields.length)];
            if (!msg.hasField(field))
            {
                continue;
            }
            final char[] junk = msg.getString(field).toCharArray();
            junk[random.nextInt(junk.length)] = (char)(random.nextInt(2) == 0 ? 'A' + random.nextInt(26) : ':' + random.nextInt(6));
            msg.set(field, new String(junk));
            msg.setPackager(packager);
            try
            {
                corpus.add(msg.pack());
            }
            catch (final org.jpos.iso.ISOException ex)
            {
                // the reference packager refused the junk itself: nothing to send
            }
        }
        return corpus;
    }

    private static final class Codec
    {
        final LengthPrefix prefix;
        final MessageDecoder decoder;
        final JposReferenceDecoder reference;
        final JposReferenceDecoder.Result expected = new JposReferenceDecoder.Result();
        final List<byte[]> corpus;

        Codec(final FieldEncoding encoding, final LengthPrefix prefix, final boolean tpdu, final List<byte[]> messages)
        {
            this.prefix = prefix;
            this.decoder = new MessageDecoder(Iso8583Packagers.packager(encoding), tpdu);
            this.reference = new JposReferenceDecoder(Iso8583Packagers.packager(encoding), tpdu);
            if (tpdu)
            {
                final List<byte[]> framed = new ArrayList<>();
                for (final byte[] message : messages)
                {
                    final byte[] frame = new byte[message.length + DecodedFrame.TPDU_LENGTH];
                    frame[0] = 0x60;
                    System.arraycopy(message, 0, frame, DecodedFrame.TPDU_LENGTH, message.length);
                    framed.add(frame);
                }
                this.corpus = framed;
            }
            else
            {
                this.corpus = messages;
            }
            assertEquals(false, corpus.isEmpty());
        }
    }
}

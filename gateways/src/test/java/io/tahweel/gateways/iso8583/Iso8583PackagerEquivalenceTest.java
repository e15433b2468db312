package io.tahweel.gateways.iso8583;

import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOFieldPackager;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.IFA_BINARY;
import org.jpos.iso.IFB_AMOUNT;
import org.jpos.iso.IFA_AMOUNT;
import org.jpos.iso.IFB_BINARY;
import org.jpos.iso.packager.GenericPackager;
import org.jpos.iso.packager.ISO87APackager;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Our GenericPackager XMLs against the jPOS classes they must equal: the same message with every
 * field 2..128 set packs to identical bytes, at the longest and at short (odd) lengths, and
 * unpacks back to the same values.
 */
class Iso8583PackagerEquivalenceTest
{
    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void binaryEqualsIso87BPackager(final boolean longest) throws Exception
    {
        assertSameBytes(new ISO87BPackager(), Iso8583Packagers.load(FieldEncoding.BINARY.resource()), longest);
    }

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void asciiEqualsIso87APackager(final boolean longest) throws Exception
    {
        assertSameBytes(new ISO87APackager(), Iso8583Packagers.load(FieldEncoding.ASCII.resource()), longest);
    }

    private static void assertSameBytes(final ISOBasePackager reference, final GenericPackager ours, final boolean longest)
        throws Exception
    {
        for (int i = 0; i <= 128; i++)
        {
            final ISOFieldPackager expected = reference.getFieldPackager(i);
            final ISOFieldPackager actual = ours.getFieldPackager(i);
            assertNotNull(actual, "field " + i);
            assertEquals(expected.getClass(), actual.getClass(), "class of field " + i);
            assertEquals(expected.getLength(), actual.getLength(), "length of field " + i);
            assertEquals(expected.getMaxPackedLength(), actual.getMaxPackedLength(), "packed length of field " + i);
        }
        final ISOMsg msg = everyField(reference, longest);
        msg.setPackager(reference);
        final byte[] expected = msg.pack();
        msg.setPackager(ours);
        final byte[] actual = msg.pack();
        assertArrayEquals(expected, actual);

        final ISOMsg back = new ISOMsg();
        ours.unpack(back, actual);
        for (int i = 2; i <= 128; i++)
        {
            if (i == 65)
            {
                continue;
            }
            final Object value = msg.getValue(i);
            if (value instanceof byte[])
            {
                assertArrayEquals((byte[])value, back.getBytes(i), "field " + i);
            }
            else
            {
                assertEquals(value, back.getValue(i), "field " + i);
            }
        }
    }

    /** A value for every field 2..128 that fits its type: full length, or short and odd. */
    private static ISOMsg everyField(final ISOBasePackager packager, final boolean longest) throws Exception
    {
        final ISOMsg msg = new ISOMsg("0200");
        for (int i = 2; i <= 128; i++)
        {
            final ISOFieldPackager field = packager.getFieldPackager(i);
            final int max = field.getLength();
            if (i == 65)
            {
                continue; // the tertiary bitmap bit: jPOS sets it itself
            }
            if (field instanceof IFB_BINARY || field instanceof IFA_BINARY)
            {
                final byte[] bytes = new byte[max];
                for (int b = 0; b < max; b++)
                {
                    bytes[b] = (byte)(i * 7 + b);
                }
                msg.set(i, bytes);
                continue;
            }
            final boolean fixed = field.getClass().getSimpleName().matches("IF._NUMERIC|IF_CHAR|IF._AMOUNT");
            final int length = fixed || longest ? max : Math.max(1, max / 2 | 1);
            if (field instanceof IFB_AMOUNT || field instanceof IFA_AMOUNT)
            {
                msg.set(i, "C" + digits(length - 1, i));
            }
            else if (isNumeric(field))
            {
                msg.set(i, digits(length, i));
            }
            else
            {
                msg.set(i, text(length, i));
            }
        }
        return msg;
    }

    private static boolean isNumeric(final ISOFieldPackager field)
    {
        return field.getClass().getSimpleName().contains("NUM");
    }

    private static String digits(final int length, final int seed)
    {
        final StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            out.append((char)('0' + (seed + i) % 10));
        }
        return out.toString();
    }

    private static String text(final int length, final int seed)
    {
        final StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            out.append((char)('A' + (seed + i) % 26));
        }
        return out.toString();
    }
}

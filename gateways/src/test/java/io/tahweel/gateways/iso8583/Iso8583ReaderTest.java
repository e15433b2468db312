package io.tahweel.gateways.iso8583;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Iso8583ReaderTest
{
    @Test
    void readsWhatJposPackedInBothProfiles() throws Exception
    {
        for (final FieldEncoding encoding : FieldEncoding.values())
        {
            final ISOMsg msg = new ISOMsg("0210");
            msg.setPackager(Iso8583Packagers.packager(encoding));
            msg.set(3, "000000");
            msg.set(11, "004217");
            msg.set(37, "000000004217");
            msg.set(38, "A1B2C3");
            msg.set(39, "00");
            final byte[] packed = msg.pack();
            final byte[] framed = Arrays.copyOf(packed, packed.length + 7); // room after the message

            final Iso8583Reader reader = new Iso8583Reader(encoding);
            assertTrue(reader.wrap(framed, 0, packed.length), encoding.toString());
            assertEquals(210, reader.mti());
            assertEquals(4217, reader.number(11));
            assertEquals(-1, reader.number(4), "absent");
            assertSame(ResponseCodes.APPROVED, reader.responseCode(), "interned, no allocation");
            assertEquals("A1B2C3", reader.string(38));
            assertFalse(reader.has(2));
            assertNull(reader.string(2));
        }
    }

    @Test
    void aTruncatedMessageIsNotRead() throws Exception
    {
        final ISOMsg msg = new ISOMsg("0210");
        msg.setPackager(Iso8583Packagers.packager(FieldEncoding.BINARY));
        msg.set(11, "004217");
        msg.set(39, "05");
        final byte[] packed = msg.pack();
        final Iso8583Reader reader = new Iso8583Reader(FieldEncoding.BINARY);
        assertFalse(reader.wrap(packed, 0, packed.length - 1));
        assertTrue(reader.wrap(packed, 0, packed.length));
        assertEquals("05", reader.responseCode());
    }
}

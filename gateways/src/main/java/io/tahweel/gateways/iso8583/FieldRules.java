package io.tahweel.gateways.iso8583;

import org.jpos.iso.IFA_AMOUNT;
import org.jpos.iso.IFA_BINARY;
import org.jpos.iso.IFA_LLLNUM;
import org.jpos.iso.IFA_LLNUM;
import org.jpos.iso.IFA_NUMERIC;
import org.jpos.iso.IFB_AMOUNT;
import org.jpos.iso.IFB_BINARY;
import org.jpos.iso.IFB_LLLNUM;
import org.jpos.iso.IFB_LLNUM;
import org.jpos.iso.IFB_NUMERIC;
import org.jpos.iso.ISOFieldPackager;
import org.jpos.iso.ISOBasePackager;

/**
 * Content checks the jPOS packager does not make on unpack: BCD nibbles above 9 come out as
 * letters and IF_CHAR takes any byte. The kind of each field is derived from the packager's own
 * field classes, so the field specification stays in one place (the XML).
 */
final class FieldRules
{
    static final int MAX_FIELD = 128;
    static final int TRACK_2 = 35;

    static final byte ANY = 0;
    static final byte DIGITS = 1;
    /** x+n: 'C' or 'D' then digits. */
    static final byte AMOUNT = 2;
    /** Digits and the separator ('=', or 'D' in ASCII). */
    static final byte TRACK2 = 3;
    /** Printable ASCII. */
    static final byte TEXT = 4;
    /** Opaque bytes (PIN block, MAC): not checked. */
    static final byte BINARY = 5;

    private final byte[] kind = new byte[MAX_FIELD + 1];
    private final int[] maxLength = new int[MAX_FIELD + 1];

    FieldRules(final ISOBasePackager packager)
    {
        for (int i = 0; i <= MAX_FIELD; i++)
        {
            final ISOFieldPackager field = packager.getFieldPackager(i);
            if (field == null)
            {
                continue;
            }
            maxLength[i] = field.getLength();
            kind[i] = kindOf(i, field);
        }
    }

    private static byte kindOf(final int id, final ISOFieldPackager field)
    {
        if (field instanceof IFB_BINARY || field instanceof IFA_BINARY || id == 1)
        {
            return BINARY;
        }
        if (field instanceof IFB_AMOUNT || field instanceof IFA_AMOUNT)
        {
            return AMOUNT;
        }
        if (field instanceof IFB_NUMERIC || field instanceof IFA_NUMERIC || field instanceof IFB_LLNUM ||
            field instanceof IFA_LLNUM || field instanceof IFB_LLLNUM || field instanceof IFA_LLLNUM)
        {
            return id == TRACK_2 ? TRACK2 : DIGITS;
        }
        return TEXT;
    }

    /** True when the value fits field {@code id}'s type and maximum length. */
    boolean valid(final int id, final String value)
    {
        if (id < 0 || id > MAX_FIELD || value.length() > maxLength[id])
        {
            return false;
        }
        switch (kind[id])
        {
            case DIGITS:
                return allDigits(value, 0);
            case AMOUNT:
                return !value.isEmpty() && (value.charAt(0) == 'C' || value.charAt(0) == 'D') && allDigits(value, 1);
            case TRACK2:
                return track2(value);
            case TEXT:
                return printable(value);
            default:
                return true;
        }
    }

    byte kind(final int id)
    {
        return kind[id];
    }

    private static boolean allDigits(final String value, final int from)
    {
        for (int i = from; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return true;
    }

    private static boolean track2(final String value)
    {
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if ((c < '0' || c > '9') && c != '=' && c != 'D')
            {
                return false;
            }
        }
        return true;
    }

    private static boolean printable(final String value)
    {
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E)
            {
                return false;
            }
        }
        return true;
    }
}

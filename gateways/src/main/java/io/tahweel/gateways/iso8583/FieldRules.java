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

    /** True when the value fits field {@code id}'s type and maximum length (the reference form; tests). */
    boolean valid(final int id, final String value)
    {
        if (id < 0 || id > MAX_FIELD || value.length() > maxLength[id])
        {
            return false;
        }
        if (kind[id] == AMOUNT && value.isEmpty())
        {
            return false;
        }
        for (int i = 0; i < value.length(); i++)
        {
            if (!allowed(kind[id], i, value.charAt(i)))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * The same check on a field of the flyweight, in place. A binary value is valid only where
     * the packager declares a binary field, as a {@code byte[]} value of jPOS's was.
     */
    boolean valid(final Iso8583Fields fields, final int id)
    {
        if (fields.binary(id))
        {
            return kind[id] == BINARY;
        }
        final int length = fields.length(id);
        if (length > maxLength[id] || kind[id] == AMOUNT && length == 0)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (!allowed(kind[id], i, fields.charAt(id, i)))
            {
                return false;
            }
        }
        return true;
    }

    /** Whether character {@code c} may stand at {@code index} of a value of this kind. */
    private static boolean allowed(final byte kind, final int index, final int c)
    {
        switch (kind)
        {
            case DIGITS:
                return isDigit(c);
            case AMOUNT:
                return index == 0 ? c == 'C' || c == 'D' : isDigit(c);
            case TRACK2:
                return isDigit(c) || c == '=' || c == 'D';
            case TEXT:
                return c >= 0x20 && c <= 0x7E;
            default:
                return true;
        }
    }

    private static boolean isDigit(final int c)
    {
        return c >= '0' && c <= '9';
    }

    byte kind(final int id)
    {
        return kind[id];
    }
}

package io.tahweel.gateways.iso8583;

import org.jpos.iso.IFA_AMOUNT;
import org.jpos.iso.IFA_BINARY;
import org.jpos.iso.IFA_BITMAP;
import org.jpos.iso.IFA_LLCHAR;
import org.jpos.iso.IFA_LLLCHAR;
import org.jpos.iso.IFA_LLNUM;
import org.jpos.iso.IFA_NUMERIC;
import org.jpos.iso.IFB_AMOUNT;
import org.jpos.iso.IFB_BINARY;
import org.jpos.iso.IFB_BITMAP;
import org.jpos.iso.IFB_LLCHAR;
import org.jpos.iso.IFB_LLLCHAR;
import org.jpos.iso.IFB_LLLNUM;
import org.jpos.iso.IFB_LLNUM;
import org.jpos.iso.IFB_NUMERIC;
import org.jpos.iso.IF_CHAR;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOFieldPackager;

import java.lang.reflect.Field;

/**
 * How each field of one packager sits on the wire, read once from the GenericPackager's own field
 * packager classes, so that the XML stays the single field specification. Only the classes the two
 * profiles use are known (exact classes, not subclasses); any other is refused at construction
 * rather than misread. The layouts are jPOS 2.1.10's, byte for byte:
 * <pre>
 *   class         prefix           body
 *   IFB_NUMERIC   -                BCD, odd digit count padded left (pad=true) or right
 *   IFB_LLNUM     1 byte BCD       BCD as above            IFB_LLLNUM  2 bytes BCD
 *   IFB_LLCHAR    1 byte BCD       one byte per character  IFB_LLLCHAR 2 bytes BCD
 *   IFB_AMOUNT    -                sign character, then length-1 digits BCD
 *   IFB_BINARY    -                the bytes as they are
 *   IFA_NUMERIC   -                ASCII digits             IF_CHAR     - , characters
 *   IFA_LLNUM     2 ASCII digits   ASCII                    IFA_LLCHAR / IFA_LLLCHAR: 2 / 3 ASCII digits
 *   IFA_AMOUNT    -                sign character and digits, ASCII
 *   IFA_BINARY    -                two ASCII hex digits per byte
 *   IFB_BITMAP / IFA_BITMAP (field 1): 8 or 16 bytes / 16 or 32 hex digits
 * </pre>
 */
public final class FieldFormats
{
    static final int MAX_FIELD = 128;

    /** Length prefixes. */
    static final byte FIXED = 0;
    static final byte BCD_LL = 1;
    static final byte BCD_LLL = 2;
    static final byte ASCII_LL = 3;
    static final byte ASCII_LLL = 4;

    /** Bodies. */
    static final byte BCD_LEFT = 1;
    static final byte BCD_RIGHT = 2;
    static final byte CHARS = 3;
    static final byte BYTES = 4;
    static final byte HEX = 5;
    static final byte AMOUNT_BCD_LEFT = 6;
    static final byte AMOUNT_BCD_RIGHT = 7;

    /** How jPOS pads a value shorter than a fixed field when packing (variable fields are not padded). */
    static final byte NO_PADDING = 0;
    static final byte ZEROS_LEFT = 1;
    static final byte SPACES_RIGHT = 2;
    /** IFB_AMOUNT / IFA_AMOUNT: packing them is not supported ({@link Iso8583Writer} refuses). */
    static final byte AMOUNT_PADDING = 3;

    private final byte[] prefix = new byte[MAX_FIELD + 1];
    private final byte[] body = new byte[MAX_FIELD + 1];
    private final int[] maxLength = new int[MAX_FIELD + 1];
    private final byte[] padding = new byte[MAX_FIELD + 1];
    private final boolean binaryBitmap;

    /** The formats of an encoding's shared packager: what the issuer side reads and writes with. */
    public static FieldFormats of(final FieldEncoding encoding)
    {
        return new FieldFormats(Iso8583Packagers.packager(encoding));
    }

    FieldFormats(final ISOBasePackager packager)
    {
        final ISOFieldPackager bitmap = packager.getFieldPackager(1);
        if (bitmap == null || bitmap.getClass() != IFB_BITMAP.class && bitmap.getClass() != IFA_BITMAP.class ||
            bitmap.getLength() != 16)
        {
            throw new IllegalArgumentException("field 1 must be IFB_BITMAP or IFA_BITMAP of length 16");
        }
        binaryBitmap = bitmap.getClass() == IFB_BITMAP.class;
        for (int i = 0; i <= MAX_FIELD; i++)
        {
            if (i == 1)
            {
                continue;
            }
            final ISOFieldPackager field = packager.getFieldPackager(i);
            if (field == null)
            {
                throw new IllegalArgumentException("field " + i + " has no packager");
            }
            if (flag(field, "trim"))
            {
                throw new IllegalArgumentException("field " + i + ": trim is not supported");
            }
            maxLength[i] = field.getLength();
            describe(i, field);
        }
        if (prefix[0] != FIXED || maxLength[0] != 4 || body[0] != BCD_LEFT && body[0] != BCD_RIGHT && body[0] != CHARS)
        {
            throw new IllegalArgumentException("field 0 must be a fixed four-digit numeric field");
        }
    }

    private void describe(final int id, final ISOFieldPackager field)
    {
        final Class<?> type = field.getClass();
        final boolean pad = flag(field, "pad");
        final byte bcd = pad ? BCD_LEFT : BCD_RIGHT;
        if (type == IFB_NUMERIC.class)
        {
            set(id, FIXED, bcd);
        }
        else if (type == IFB_LLNUM.class)
        {
            set(id, BCD_LL, bcd);
        }
        else if (type == IFB_LLLNUM.class)
        {
            set(id, BCD_LLL, bcd);
        }
        else if (type == IFB_LLCHAR.class)
        {
            set(id, BCD_LL, CHARS);
        }
        else if (type == IFB_LLLCHAR.class)
        {
            set(id, BCD_LLL, CHARS);
        }
        else if (type == IFB_AMOUNT.class)
        {
            set(id, FIXED, pad ? AMOUNT_BCD_LEFT : AMOUNT_BCD_RIGHT);
        }
        else if (type == IFB_BINARY.class)
        {
            set(id, FIXED, BYTES);
        }
        else if (type == IFA_NUMERIC.class || type == IF_CHAR.class || type == IFA_AMOUNT.class)
        {
            set(id, FIXED, CHARS);
        }
        else if (type == IFA_LLNUM.class || type == IFA_LLCHAR.class)
        {
            set(id, ASCII_LL, CHARS);
        }
        else if (type == IFA_LLLCHAR.class)
        {
            set(id, ASCII_LLL, CHARS);
        }
        else if (type == IFA_BINARY.class)
        {
            set(id, FIXED, HEX);
        }
        else
        {
            throw new IllegalArgumentException("field " + id + ": " + type.getName() + " is not supported");
        }
        padding[id] = paddingOf(type);
        if ((body[id] == AMOUNT_BCD_LEFT || body[id] == AMOUNT_BCD_RIGHT) && maxLength[id] < 1)
        {
            throw new IllegalArgumentException("field " + id + ": an amount needs a sign character");
        }
    }

    /** jPOS 2.1.10: numerics are zero-padded on the left, IF_CHAR space-padded on the right. */
    private static byte paddingOf(final Class<?> type)
    {
        if (type == IFB_NUMERIC.class || type == IFA_NUMERIC.class)
        {
            return ZEROS_LEFT;
        }
        if (type == IF_CHAR.class)
        {
            return SPACES_RIGHT;
        }
        if (type == IFB_AMOUNT.class || type == IFA_AMOUNT.class)
        {
            return AMOUNT_PADDING;
        }
        return NO_PADDING;
    }

    private void set(final int id, final byte prefix, final byte body)
    {
        this.prefix[id] = prefix;
        this.body[id] = body;
    }

    /** jPOS keeps {@code pad} and {@code trim} protected, with no getter; read once here. */
    private static boolean flag(final ISOFieldPackager field, final String name)
    {
        try
        {
            final Field flag = ISOFieldPackager.class.getDeclaredField(name);
            flag.setAccessible(true);
            return flag.getBoolean(field);
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            throw new IllegalStateException("cannot read " + name + " of a jPOS field packager", ex);
        }
    }

    byte prefix(final int id)
    {
        return prefix[id];
    }

    byte body(final int id)
    {
        return body[id];
    }

    int maxLength(final int id)
    {
        return maxLength[id];
    }

    byte padding(final int id)
    {
        return padding[id];
    }

    boolean binaryBitmap()
    {
        return binaryBitmap;
    }

    /** Bytes the length prefix of field {@code id} takes. */
    int prefixBytes(final int id)
    {
        switch (prefix[id])
        {
            case BCD_LL:
                return 1;
            case BCD_LLL, ASCII_LL:
                return 2;
            case ASCII_LLL:
                return 3;
            default:
                return 0;
        }
    }

    /** Bytes the body of field {@code id} takes for a value of {@code length} characters or bytes. */
    int bodyBytes(final int id, final int length)
    {
        switch (body[id])
        {
            case BCD_LEFT, BCD_RIGHT:
                return (length + 1) >> 1;
            case HEX:
                return length << 1;
            case AMOUNT_BCD_LEFT, AMOUNT_BCD_RIGHT:
                return 1 + (length >> 1);
            default:
                return length;
        }
    }

    /** Largest packed size of field {@code id}, prefix included. */
    int maxPackedBytes(final int id)
    {
        return prefixBytes(id) + bodyBytes(id, maxLength[id]);
    }

    /** True for a fixed-length field of characters (what field 38 and 39 must be to be written directly). */
    boolean fixedChars(final int id)
    {
        return prefix[id] == FIXED && body[id] == CHARS;
    }
}

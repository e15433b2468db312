package io.tahweel.gateways.iso8583;

/**
 * The gateway's allocation-free ISO 8583 reader for code outside this package that reads
 * messages the switch sends: the load generator and the demo's acquirers read every answer with
 * it, so the garbage of a jPOS unpack per answer does not pause the switch they measure when both
 * share a JVM. Same field specification as the gateway ({@link Iso8583Packagers}' XML).
 * <p>
 * Reusable: {@link #wrap} a message, read it, wrap the next. Valid until the array changes. Not
 * thread-safe (one per I/O thread).
 */
public final class Iso8583Reader
{
    private final FieldFormats formats;
    private final Iso8583Fields fields = new Iso8583Fields();

    public Iso8583Reader(final FieldEncoding encoding)
    {
        this.formats = new FieldFormats(Iso8583Packagers.packager(encoding));
    }

    /** Reads {@code buffer[offset, offset + length)}: true when every field its bitmap names was read. */
    public boolean wrap(final byte[] buffer, final int offset, final int length)
    {
        return fields.wrap(formats, buffer, offset, length) && fields.consumed() == length;
    }

    /** The MTI as a number (e.g. 210 for 0210), or {@link Mti#INVALID}. */
    public int mti()
    {
        return fields.mti();
    }

    public boolean has(final int field)
    {
        return fields.has(field);
    }

    /** A numeric field's value, or -1 when it is absent, longer than 18 digits or not all digits. */
    public long number(final int field)
    {
        final int length = fields.length(field);
        return length == 0 || length > 18 || fields.binary(field) ? -1 : fields.digits(field, 0, length);
    }

    /** Field 39, without allocating for two ASCII characters; null when absent or not two characters. */
    public String responseCode()
    {
        if (fields.length(39) != 2 || fields.binary(39))
        {
            return null;
        }
        return ResponseCodes.intern((byte)fields.charAt(39, 0), (byte)fields.charAt(39, 1));
    }

    /** A character field's value as a string (allocates), or null when absent or binary. */
    public String string(final int field)
    {
        return fields.string(field);
    }
}

package io.tahweel.gateways.admin;

import org.agrona.MutableDirectBuffer;

/**
 * One admin command ready for the input ring: the SBE bytes starting with the message header,
 * where it came from, and a description fit for logs and error messages (card numbers masked).
 * Immutable.
 */
public final class EncodedCommand
{
    private final byte[] bytes;
    private final int templateId;
    private final int line;
    private final String description;

    EncodedCommand(final byte[] bytes, final int templateId, final int line, final String description)
    {
        this.bytes = bytes;
        this.templateId = templateId;
        this.line = line;
        this.description = description;
    }

    /** A copy of the encoded message, exactly {@link #length()} bytes, message header first. */
    public byte[] bytes()
    {
        return bytes.clone();
    }

    /** Bytes in the encoded message including its header. */
    public int length()
    {
        return bytes.length;
    }

    /** Copies the message into a claimed slot or a journal buffer without allocating. */
    public void copyTo(final MutableDirectBuffer destination, final int offset)
    {
        destination.putBytes(offset, bytes);
    }

    /** SBE template id: which message the bytes hold. */
    public int templateId()
    {
        return templateId;
    }

    /** 1-based line of the source record, also its {@code header.correlationId}. */
    public int line()
    {
        return line;
    }

    /** Short, PAN-free description, e.g. {@code card pan=400000******7899 account=1001}. */
    public String description()
    {
        return description;
    }

    @Override
    public String toString()
    {
        return "line " + line + ": " + description;
    }
}

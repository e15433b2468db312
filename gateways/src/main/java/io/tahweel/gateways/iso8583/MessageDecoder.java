package io.tahweel.gateways.iso8583;

import org.jpos.iso.ISOBasePackager;

/**
 * One frame's payload (TPDU header, if the listener has one, then the message) to checked
 * {@link Iso8583Fields}, or a {@link DecodeError}. Pure, synchronous and allocation-free on a
 * well-formed frame (the error details are built only on errors): the Netty handler calls it, and so does the fuzz test, a million times,
 * without sockets.
 * <p>
 * The flyweight reads field by field, so when it fails part-way the fields before the failure
 * are still there: that is how a malformed request can still be answered 30 with its STAN and
 * terminal echoed. The checks and their order are those of the jPOS unpack this replaced:
 * unpack, MTI, trailing bytes, each field's type, supported MTI.
 */
final class MessageDecoder
{
    private final FieldFormats formats;
    private final FieldRules rules;
    private final boolean tpdu;

    MessageDecoder(final ISOBasePackager packager, final boolean tpdu)
    {
        this.formats = new FieldFormats(packager);
        this.rules = new FieldRules(packager);
        this.tpdu = tpdu;
    }

    FieldRules rules()
    {
        return rules;
    }

    FieldFormats formats()
    {
        return formats;
    }

    /** Decodes {@code frame[0, length)} into {@code out}; never throws for any input. */
    DecodedFrame decode(final byte[] frame, final int length, final DecodedFrame out)
    {
        out.reset();
        int offset = 0;
        if (tpdu)
        {
            if (length < DecodedFrame.TPDU_LENGTH)
            {
                return out.fail(DecodeError.TRUNCATED_HEADER, -1, "frame shorter than its TPDU");
            }
            System.arraycopy(frame, 0, out.tpdu, 0, DecodedFrame.TPDU_LENGTH);
            out.hasTpdu = true;
            offset = DecodedFrame.TPDU_LENGTH;
        }
        final int messageLength = length - offset;
        final Iso8583Fields fields = out.fields;
        out.read = true;
        if (!fields.wrap(formats, frame, offset, messageLength))
        {
            out.fail(DecodeError.UNPACK_FAILED, fields.failedField(), "field " + fields.failedField() + ": " + fields.failure());
        }
        out.mti = fields.mti();
        if (out.mti == Mti.INVALID)
        {
            out.fail(DecodeError.BAD_MTI, 0, "field 0 not four digits");
        }
        if (out.ok() && fields.consumed() != messageLength)
        {
            out.fail(DecodeError.TRAILING_BYTES, -1, (messageLength - fields.consumed()) + " bytes after the last field");
        }
        checkFields(out, fields);
        if (out.ok() && !Mti.isSupported(out.mti))
        {
            out.fail(DecodeError.UNKNOWN_MTI, 0, Mti.format(out.mti));
        }
        return out;
    }

    /**
     * Checks every field that was read; a field that breaks its type is removed, so that what
     * stays can be echoed safely in a format-error answer.
     */
    private void checkFields(final DecodedFrame out, final Iso8583Fields fields)
    {
        for (int i = 2; i <= FieldFormats.MAX_FIELD; i++)
        {
            if (fields.has(i) && !rules.valid(fields, i))
            {
                fields.remove(i);
                out.fail(DecodeError.INVALID_FIELD, i, "field " + i + " breaks its type");
            }
        }
    }
}

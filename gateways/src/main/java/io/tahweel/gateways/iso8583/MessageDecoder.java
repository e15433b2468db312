package io.tahweel.gateways.iso8583;

import io.tahweel.gateways.card.PanMasker;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import java.util.Arrays;

/**
 * One frame's payload (TPDU header, if the listener has one, then the message) to a checked
 * {@link ISOMsg}, or a {@link DecodeError}. Pure and synchronous: the Netty handler calls it, and
 * so does the fuzz test, a million times, without sockets.
 * <p>
 * jPOS unpacks field by field into the message it is given, so when it fails part-way the fields
 * before the failure are still there: that is how a malformed request can still be answered 30
 * with its STAN and terminal echoed. Exception texts are masked before they are kept, since a
 * parser's message may quote input.
 */
final class MessageDecoder
{
    private final ISOBasePackager packager;
    private final FieldRules rules;
    private final boolean tpdu;

    MessageDecoder(final ISOBasePackager packager, final boolean tpdu)
    {
        this.packager = packager;
        this.rules = new FieldRules(packager);
        this.tpdu = tpdu;
    }

    FieldRules rules()
    {
        return rules;
    }

    /** Decodes {@code frame[0, length)} into {@code out}; never throws for any input. */
    DecodedFrame decode(final byte[] frame, final int length, final DecodedFrame out)
    {
        out.reset();
        byte[] message = frame;
        int messageLength = length;
        if (tpdu)
        {
            if (length < DecodedFrame.TPDU_LENGTH)
            {
                return out.fail(DecodeError.TRUNCATED_HEADER, -1, "frame of " + length + " bytes");
            }
            System.arraycopy(frame, 0, out.tpdu, 0, DecodedFrame.TPDU_LENGTH);
            out.hasTpdu = true;
            message = Arrays.copyOfRange(frame, DecodedFrame.TPDU_LENGTH, length);
            messageLength = length - DecodedFrame.TPDU_LENGTH;
        }
        else if (length != frame.length)
        {
            message = Arrays.copyOf(frame, length);
        }

        final ISOMsg msg = new ISOMsg();
        out.message = msg;
        int consumed = -1;
        try
        {
            consumed = packager.unpack(msg, message);
        }
        catch (final ISOException | RuntimeException ex)
        {
            out.fail(DecodeError.UNPACK_FAILED, -1, PanMasker.maskDigitRuns(String.valueOf(ex.getMessage())));
        }
        identify(out, msg);
        if (out.ok() && consumed != messageLength)
        {
            out.fail(DecodeError.TRAILING_BYTES, -1, (messageLength - consumed) + " bytes after the last field");
        }
        checkFields(out, msg);
        if (out.ok() && !Mti.isSupported(out.mti))
        {
            out.fail(DecodeError.UNKNOWN_MTI, 0, Mti.format(out.mti));
        }
        return out;
    }

    private static void identify(final DecodedFrame out, final ISOMsg msg)
    {
        final Object mti = msg.hasField(0) ? msg.getValue(0) : null;
        out.mti = mti instanceof String ? Mti.parse((String)mti) : Mti.INVALID;
        if (out.mti == Mti.INVALID)
        {
            out.fail(DecodeError.BAD_MTI, 0, "field 0 not four digits");
        }
    }

    /**
     * Checks every field that was read; a field that breaks its type is removed, so that what
     * stays can be echoed safely in a format-error answer.
     */
    private void checkFields(final DecodedFrame out, final ISOMsg msg)
    {
        final int max = Math.min(msg.getMaxField(), FieldRules.MAX_FIELD);
        for (int i = 2; i <= max; i++)
        {
            if (!msg.hasField(i))
            {
                continue;
            }
            final Object value = msg.getValue(i);
            final boolean valid = value instanceof String ? rules.valid(i, (String)value) :
                value instanceof byte[] && rules.kind(i) == FieldRules.BINARY;
            if (!valid)
            {
                msg.unset(i);
                out.fail(DecodeError.INVALID_FIELD, i, "field " + i + " breaks its type");
            }
        }
    }
}

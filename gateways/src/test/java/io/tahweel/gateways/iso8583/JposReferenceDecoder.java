package io.tahweel.gateways.iso8583;

import io.tahweel.gateways.card.PanMasker;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import java.util.Arrays;

/**
 * The jPOS decoder the gateway used before the {@link Iso8583Fields} flyweight, kept as the
 * reference the fuzz test holds {@link MessageDecoder} to: the same {@link DecodeError}, field,
 * MTI and answerability for every frame. One frame's payload (TPDU header, if the listener has
 * one, then the message) to a checked {@link ISOMsg}, or a {@link DecodeError}. Pure and synchronous: the Netty handler calls it, and
 * so does the fuzz test, a million times, without sockets.
 * <p>
 * jPOS unpacks field by field into the message it is given, so when it fails part-way the fields
 * before the failure are still there: that is how a malformed request can still be answered 30
 * with its STAN and terminal echoed. Exception texts are masked before they are kept, since a
 * parser's message may quote input.
 */
final class JposReferenceDecoder
{
    static final int TPDU_LENGTH = DecodedFrame.TPDU_LENGTH;

    private final ISOBasePackager packager;
    private final FieldRules rules;
    private final boolean tpdu;

    JposReferenceDecoder(final ISOBasePackager packager, final boolean tpdu)
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
    Result decode(final byte[] frame, final int length, final Result out)
    {
        out.reset();
        byte[] message = frame;
        int messageLength = length;
        if (tpdu)
        {
            if (length < TPDU_LENGTH)
            {
                return out.fail(DecodeError.TRUNCATED_HEADER, -1, "frame of " + length + " bytes");
            }
            System.arraycopy(frame, 0, out.tpdu, 0, TPDU_LENGTH);
            out.hasTpdu = true;
            message = Arrays.copyOfRange(frame, TPDU_LENGTH, length);
            messageLength = length - TPDU_LENGTH;
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

    private static void identify(final Result out, final ISOMsg msg)
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
    private void checkFields(final Result out, final ISOMsg msg)
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

    /** What the old DecodedFrame held. */
    static final class Result
    {
        ISOMsg message;
        int mti = Mti.INVALID;
        DecodeError error = DecodeError.NONE;
        int errorField = -1;
        String detail;
        final byte[] tpdu = new byte[TPDU_LENGTH];
        boolean hasTpdu;

        void reset()
        {
            message = null;
            mti = Mti.INVALID;
            error = DecodeError.NONE;
            errorField = -1;
            detail = null;
            hasTpdu = false;
        }

        boolean ok()
        {
            return error == DecodeError.NONE;
        }

        boolean answerable()
        {
            return message != null && Mti.isRequest(mti);
        }

        Result fail(final DecodeError error, final int field, final String detail)
        {
            if (this.error == DecodeError.NONE)
            {
                this.error = error;
                this.errorField = field;
                this.detail = detail;
            }
            return this;
        }
    }
}

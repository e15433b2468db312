package io.tahweel.gateways.iso8583.issuer;

import io.tahweel.gateways.iso8583.FieldFormats;
import io.tahweel.gateways.iso8583.Iso8583Fields;
import io.tahweel.sbe.StoreAndForwardKind;

/**
 * Reads one message from an issuer in place with an {@link Iso8583Fields} flyweight and says what
 * the link does with it ({@link #read}): an answer to a forwarded request (0110/0210) with its
 * authorization id, field 39 and field 38; an advice answer (0130/0230/0430); network management
 * (0800/0810, handed to jPOS by the link); or why it is dropped. The checks and their order are
 * the ones the link made on jPOS's unpack into an {@code ISOMsg} before (IssuerAnswerEquivalenceTest
 * compares them over random and mutated frames). Nothing is allocated but the drop reasons' text,
 * built only when logged.
 * <p>
 * Valid until the frame changes or the next {@link #read}. Not thread-safe: one per link.
 */
final class IssuerAnswer
{
    /** What a frame is; a drop's reason code is above {@link #ADVICE_RESPONSE}. */
    static final int NETWORK_REQUEST = 1;
    static final int NETWORK_RESPONSE = 2;
    static final int AUTHORIZATION_RESPONSE = 3;
    static final int ADVICE_RESPONSE = 4;
    static final int UNREADABLE = 5;
    static final int UNEXPECTED_MTI = 6;
    static final int NOT_A_SWITCH_RRN = 7;
    static final int STAN_MISMATCH = 8;
    static final int NO_RESPONSE_CODE = 9;

    static final int APPROVAL_CODE_LENGTH = 6;
    private static final int RRN_LENGTH = 12;
    private static final int STAN_LENGTH = 6;

    private final FieldFormats formats;
    private final Iso8583Fields fields = new Iso8583Fields();
    private final byte[] approvalCode = new byte[APPROVAL_CODE_LENGTH];
    private int length;
    private int mti;
    private long authorizationId;

    IssuerAnswer(final FieldFormats formats)
    {
        this.formats = formats;
    }

    /** Reads {@code frame[0, length)}: one of the constants above. */
    int read(final byte[] frame, final int length)
    {
        this.length = length;
        authorizationId = -1;
        if (!fields.wrap(formats, frame, 0, length))
        {
            mti = fields.mti();
            return UNREADABLE;
        }
        mti = fields.mti();
        switch (mti)
        {
            case 800:
                return NETWORK_REQUEST;
            case 810:
                return NETWORK_RESPONSE;
            case 110, 210:
                return authorizationResponse();
            case 130, 230, 430:
                authorizationId = switchRrn();
                return authorizationId < 0 ? NOT_A_SWITCH_RRN : ADVICE_RESPONSE;
            default:
                return UNEXPECTED_MTI;
        }
    }

    private int authorizationResponse()
    {
        authorizationId = switchRrn();
        if (authorizationId < 0)
        {
            return NOT_A_SWITCH_RRN;
        }
        if (fields.length(11) != STAN_LENGTH || fields.digits(11, 0, STAN_LENGTH) != IssuerMessages.stan(authorizationId))
        {
            return STAN_MISMATCH;
        }
        if (!isResponseCode())
        {
            return NO_RESPONSE_CODE;
        }
        copyApprovalCode();
        return AUTHORIZATION_RESPONSE;
    }

    /** {@link IssuerMessages#authorizationId(String)} of field 37, read in place. */
    private long switchRrn()
    {
        if (fields.length(37) != RRN_LENGTH)
        {
            return -1;
        }
        final long value = fields.digits(37, 0, RRN_LENGTH);
        return value > 0 ? value : -1;
    }

    /** {@link IssuerLink#isResponseCode(String)} of field 39, read in place. */
    private boolean isResponseCode()
    {
        return fields.length(39) == 2 && isAsciiLetterOrDigit(fields.charAt(39, 0)) &&
            isAsciiLetterOrDigit(fields.charAt(39, 1));
    }

    private static boolean isAsciiLetterOrDigit(final int c)
    {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    /** Field 38 padded with spaces to six and cut there; all spaces when absent or blank (as {@code String.isBlank}). */
    private void copyApprovalCode()
    {
        final int length = fields.length(38);
        boolean blank = true;
        for (int i = 0; i < length; i++)
        {
            blank &= Character.isWhitespace(fields.charAt(38, i));
        }
        for (int i = 0; i < APPROVAL_CODE_LENGTH; i++)
        {
            approvalCode[i] = !blank && i < length ? (byte)fields.charAt(38, i) : (byte)' ';
        }
    }

    /** The MTI read, or {@link io.tahweel.gateways.iso8583.Mti#INVALID}. */
    int mti()
    {
        return mti;
    }

    /** The authorization an answer or advice answer is for (field 37); -1 when not a switch RRN. */
    long authorizationId()
    {
        return authorizationId;
    }

    /** Character {@code index} (0 or 1) of field 39; valid for {@link #AUTHORIZATION_RESPONSE}. */
    byte responseCode(final int index)
    {
        return (byte)fields.charAt(39, index);
    }

    /** Field 38 as journaled (spaces: none); valid for {@link #AUTHORIZATION_RESPONSE}. */
    byte[] approvalCode()
    {
        return approvalCode;
    }

    /** Whether field 39 is "00": an advice answer that is not is logged. */
    boolean approved()
    {
        return fields.length(39) == 2 && fields.charAt(39, 0) == '0' && fields.charAt(39, 1) == '0';
    }

    /** The advice kind an advice answer acknowledges. */
    StoreAndForwardKind adviceKind()
    {
        return switch (mti)
        {
            case 130 -> StoreAndForwardKind.STAND_IN_ADVICE;
            case 230 -> StoreAndForwardKind.COMPLETION_ADVICE;
            default -> StoreAndForwardKind.REVERSAL_ADVICE;
        };
    }

    /** Field {@code id} as jPOS's {@code getString} gives it: logs and the rare network path only (allocates). */
    String string(final int id)
    {
        return fields.string(id);
    }

    /** Why a frame read as {@code verdict} is dropped, for the log: ids and field numbers, never a value. */
    String reason(final int verdict)
    {
        final String message = IssuerMessages.mti(mti);
        return switch (verdict)
        {
            case UNREADABLE -> "cannot unpack a frame of " + length + " bytes (field " + fields.failedField() + ": " +
                fields.failure() + ')';
            case UNEXPECTED_MTI -> "unexpected MTI " + mti;
            case NOT_A_SWITCH_RRN -> message + " whose field 37 is not a switch RRN";
            case STAN_MISMATCH -> message + " for authorization " + authorizationId + " whose field 11 does not match";
            case NO_RESPONSE_CODE -> message + " for authorization " + authorizationId + " without a valid field 39";
            default -> "not dropped";
        };
    }
}

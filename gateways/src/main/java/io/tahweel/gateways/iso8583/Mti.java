package io.tahweel.gateways.iso8583;

/**
 * Message type indicators the acquirer side takes, and the arithmetic between a request and
 * its response. An MTI is handled as its four-digit number (e.g. 0100 = 100) so that a switch
 * on it needs no strings.
 */
public final class Mti
{
    public static final int AUTHORIZATION = 100;
    public static final int AUTHORIZATION_REPEAT = 101;
    public static final int FINANCIAL = 200;
    public static final int FINANCIAL_REPEAT = 201;
    public static final int COMPLETION = 220;
    public static final int COMPLETION_REPEAT = 221;
    public static final int REVERSAL = 400;
    public static final int REVERSAL_REPEAT = 401;
    public static final int REVERSAL_ADVICE = 420;
    public static final int REVERSAL_ADVICE_REPEAT = 421;
    public static final int NETWORK = 800;

    /** Not a four-digit number. */
    public static final int INVALID = -1;

    private Mti()
    {
    }

    /** The MTI as a number, or {@link #INVALID} when it is not exactly four ASCII digits. */
    public static int parse(final String mti)
    {
        if (mti == null || mti.length() != 4)
        {
            return INVALID;
        }
        int value = 0;
        for (int i = 0; i < 4; i++)
        {
            final char c = mti.charAt(i);
            if (c < '0' || c > '9')
            {
                return INVALID;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * True for a request or advice from the acquirer (message class 1..8, function digit 0 or 2,
     * origin digit 0 or 1): something that expects an answer, so that even a malformed one can be
     * answered 30. Classes 0 and 9 are reserved: a frame starting 00 is more likely garbage.
     */
    public static boolean isRequest(final int mti)
    {
        final int messageClass = mti / 100 % 10;
        if (mti < 0 || mti > 9999 || messageClass == 0 || messageClass == 9)
        {
            return false;
        }
        final int function = (mti / 10) % 10;
        final int origin = mti % 10;
        return (function == 0 || function == 2) && (origin == 0 || origin == 1);
    }

    /** Whether the switch takes this MTI on an acquirer connection. */
    public static boolean isSupported(final int mti)
    {
        switch (mti)
        {
            case AUTHORIZATION, AUTHORIZATION_REPEAT, FINANCIAL, FINANCIAL_REPEAT, COMPLETION, COMPLETION_REPEAT,
                REVERSAL, REVERSAL_REPEAT, REVERSAL_ADVICE, REVERSAL_ADVICE_REPEAT, NETWORK:
                return true;
            default:
                return false;
        }
    }

    /** Marked as a repeat by the acquirer (origin digit 1). */
    public static boolean isRepeat(final int mti)
    {
        return mti % 10 == 1;
    }

    /** Response MTI of a request: function digit + 1, origin digit 0 (0101 → 0110). */
    public static int response(final int mti)
    {
        return (mti / 100) * 100 + ((mti / 10) % 10 + 1) * 10;
    }

    /** Four digits, zero-padded. */
    public static String format(final int mti)
    {
        final char[] digits = new char[4];
        int value = mti;
        for (int i = 3; i >= 0; i--)
        {
            digits[i] = (char)('0' + value % 10);
            value /= 10;
        }
        return new String(digits);
    }
}

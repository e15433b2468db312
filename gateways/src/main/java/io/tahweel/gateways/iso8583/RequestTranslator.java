package io.tahweel.gateways.iso8583;

import io.tahweel.gateways.card.PanCipher;
import io.tahweel.gateways.card.PanMasker;
import io.tahweel.gateways.card.PanTokenizer;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.Channel;
import java.util.Arrays;

/**
 * Reads a decoded card message (the {@link Iso8583Fields} flyweight over the frame, no strings)
 * into a {@link CardRequest}: which fields each message type needs,
 * their ranges, field 90 and 95, the channel, and the card, which is tokenized here and wiped from
 * the scratch buffer: the PAN goes no further than this class. The field table in
 * docs/protocols/iso8583.md is this class in prose.
 */
final class RequestTranslator
{
    static final int OK = 0;
    /** A required field is missing or out of range: answer 30. */
    static final int FORMAT_ERROR = 1;
    /** Field 32 names a participant this listener does not allow: answer 03. */
    static final int ACQUIRER_NOT_ALLOWED = 2;

    static final int ORIGINAL_DATA_LENGTH = 42;
    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private final PanTokenizer tokenizer;
    private final ListenerConfig listener;
    private final PanCipher panCipher;
    private final byte[] pan = new byte[PanMasker.MAX_PAN_LENGTH];
    private int badField;

    RequestTranslator(final PanTokenizer tokenizer, final ListenerConfig listener)
    {
        this(tokenizer, listener, null);
    }

    /** @param panCipher encrypts the PAN into {@code Authorize.panCipher} for issuer advices; null leaves it zero. */
    RequestTranslator(final PanTokenizer tokenizer, final ListenerConfig listener, final PanCipher panCipher)
    {
        this.tokenizer = tokenizer;
        this.listener = listener;
        this.panCipher = panCipher;
    }

    /** The field that made the last {@link #translate} fail, for the log. */
    int badField()
    {
        return badField;
    }

    /** Fills {@code out} from {@code msg} of type {@code mti}; {@link #OK} or why not. */
    int translate(final Iso8583Fields msg, final int mti, final CardRequest out)
    {
        out.reset();
        badField = 0;
        out.repeat = Mti.isRepeat(mti);
        final int acquirer = acquirer(msg, out);
        if (acquirer != OK)
        {
            return acquirer;
        }
        out.stan = (int)number(msg, 11, 6, true);
        out.transmissionDateTime = dateTime(msg, 7);
        text(msg, 37, true, out.rrn);
        if (badField != 0)
        {
            return FORMAT_ERROR;
        }
        switch (mti)
        {
            case Mti.AUTHORIZATION, Mti.AUTHORIZATION_REPEAT, Mti.FINANCIAL, Mti.FINANCIAL_REPEAT:
                authorize(msg, mti, out);
                break;
            case Mti.COMPLETION, Mti.COMPLETION_REPEAT:
                out.kind = CardRequest.COMPLETE;
                out.amount = number(msg, 4, 12, true);
                originalData(msg, out);
                break;
            default:
                out.kind = CardRequest.REVERSE;
                originalData(msg, out);
                out.replacementAmount = replacementAmount(msg);
                break;
        }
        return badField == 0 ? OK : FORMAT_ERROR;
    }

    private int acquirer(final Iso8583Fields msg, final CardRequest out)
    {
        if (!msg.has(32))
        {
            out.acquirerId = listener.soleAcquirer();
            if (out.acquirerId == 0)
            {
                badField = 32;
                return FORMAT_ERROR;
            }
            return OK;
        }
        final long id = number(msg, 32, 11, true);
        if (badField != 0 || id < 1 || id > UINT32_MAX)
        {
            badField = 32;
            return FORMAT_ERROR;
        }
        out.acquirerId = id;
        if (!listener.allows(id))
        {
            badField = 32;
            return ACQUIRER_NOT_ALLOWED;
        }
        return OK;
    }

    private void authorize(final Iso8583Fields msg, final int mti, final CardRequest out)
    {
        out.kind = CardRequest.AUTHORIZE;
        out.captureMode = mti == Mti.FINANCIAL || mti == Mti.FINANCIAL_REPEAT ?
            CaptureMode.SINGLE_MESSAGE : CaptureMode.DUAL_MESSAGE;
        out.processingCode = (int)number(msg, 3, 6, true);
        out.amount = number(msg, 4, 12, true);
        out.currency = (int)number(msg, 49, 3, true);
        text(msg, 41, true, out.terminalId);
        text(msg, 42, false, out.merchantId);
        out.mcc = (int)number(msg, 18, 4, false);
        out.expiry = expiry(msg);
        out.channel = channel(msg, out.processingCode);
        if (badField == 0)
        {
            card(msg, out);
        }
    }

    /** Field 2, or field 35 up to its separator; tokenized, then the scratch copy is wiped. */
    private void card(final Iso8583Fields msg, final CardRequest out)
    {
        final int field = msg.has(2) ? 2 : 35;
        if (!msg.has(field))
        {
            badField = 2;
            return;
        }
        final int sourceLength = msg.length(field);
        int length = 0;
        while (length < sourceLength && length < pan.length)
        {
            final int c = msg.charAt(field, length);
            if (c < '0' || c > '9')
            {
                break;
            }
            pan[length++] = (byte)c;
        }
        final boolean complete = length == sourceLength ||
            field == 35 && (msg.charAt(field, length) == '=' || msg.charAt(field, length) == 'D');
        try
        {
            if (!complete || length < PanMasker.MIN_PARTLY_SHOWN_LENGTH)
            {
                badField = field;
                return;
            }
            out.cardToken = tokenizer.token(pan, 0, length);
            tokenizer.prefixHashes(pan, 0, length, out.prefixHashes);
            out.bin = digits(pan, 0, PanMasker.SHOWN_FIRST);
            out.last4 = digits(pan, length - PanMasker.SHOWN_LAST, PanMasker.SHOWN_LAST);
            out.panLength = length;
            if (panCipher != null)
            {
                panCipher.encrypt(pan, 0, length, out.panCipher, 0);
            }
        }
        finally
        {
            Arrays.fill(pan, (byte)0);
        }
    }

    /**
     * Field 90: original MTI (4), STAN (6), transmission date and time (10), acquirer (11),
     * forwarding institution (11).
     */
    private void originalData(final Iso8583Fields msg, final CardRequest out)
    {
        if (msg.length(90) != ORIGINAL_DATA_LENGTH)
        {
            badField = 90;
            return;
        }
        out.originalStan = (int)msg.digits(90, 4, 10);
        out.originalTransmissionDateTime = msg.digits(90, 10, 20);
        if (out.originalStan < 0 || !validDateTime(out.originalTransmissionDateTime))
        {
            badField = 90;
        }
    }

    /** Field 95: the first 12 digits are the actual amount; absent = 0 = full reversal. */
    private long replacementAmount(final Iso8583Fields msg)
    {
        if (!msg.has(95))
        {
            return 0;
        }
        final long amount = msg.length(95) >= 12 ? msg.digits(95, 0, 12) : -1;
        if (amount < 0)
        {
            badField = 95;
            return 0;
        }
        return amount;
    }

    /**
     * ATM when field 25 is 02 (unattended, card retained) or field 3 is a cash withdrawal (01);
     * MOTO when 25 is 08; e-commerce when 25 is 59 or field 22 starts 81; otherwise the
     * listener's default.
     */
    private Channel channel(final Iso8583Fields msg, final int processingCode)
    {
        if (msg.equalsAscii(25, "02") || processingCode / 10_000 == 1)
        {
            return Channel.ATM;
        }
        if (msg.equalsAscii(25, "08"))
        {
            return Channel.MOTO;
        }
        if (msg.equalsAscii(25, "59") || msg.startsWith(22, "81"))
        {
            return Channel.ECOMMERCE;
        }
        return listener.defaultChannel();
    }

    private int expiry(final Iso8583Fields msg)
    {
        if (!msg.has(14))
        {
            return 0;
        }
        final int yymm = (int)number(msg, 14, 4, true);
        final int month = yymm % 100;
        if (month < 1 || month > 12)
        {
            badField = 14;
            return 0;
        }
        return yymm;
    }

    private long dateTime(final Iso8583Fields msg, final int field)
    {
        final long value = number(msg, field, 10, true);
        if (badField == 0 && !validDateTime(value))
        {
            badField = field;
        }
        return value;
    }

    /** MMDDhhmmss with month 1..12, day 1..31, hour, minute and second in range. */
    static boolean validDateTime(final long value)
    {
        final long month = value / 100_000_000L;
        final long day = value / 1_000_000L % 100;
        final long hour = value / 10_000 % 100;
        final long minute = value / 100 % 100;
        final long second = value % 100;
        return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 60;
    }

    /** A numeric field of at most {@code maxDigits}; 0 and {@link #badField} set when required and absent or bad. */
    private long number(final Iso8583Fields msg, final int field, final int maxDigits, final boolean required)
    {
        if (!msg.has(field))
        {
            if (required && badField == 0)
            {
                badField = field;
            }
            return 0;
        }
        final int length = msg.length(field);
        final long parsed = length <= maxDigits && length > 0 ? msg.digits(field, 0, length) : -1;
        if (parsed < 0)
        {
            if (badField == 0)
            {
                badField = field;
            }
            return 0;
        }
        return parsed;
    }

    /**
     * A text field into {@code out} (the SBE field's length, NUL padded); {@link #badField} set
     * when required and absent or empty, or when longer than the SBE field (the packagers declare
     * 37, 41 and 42 at exactly the SBE lengths, so only another packager could do that).
     */
    private void text(final Iso8583Fields msg, final int field, final boolean required, final byte[] out)
    {
        final int length = msg.length(field);
        if (length == 0 || length > out.length)
        {
            if ((required || length > out.length) && badField == 0)
            {
                badField = field;
            }
            return;
        }
        msg.copyChars(field, out, 0);
    }

    private static int digits(final byte[] bytes, final int from, final int count)
    {
        int value = 0;
        for (int i = from; i < from + count; i++)
        {
            value = value * 10 + (bytes[i] - '0');
        }
        return value;
    }
}

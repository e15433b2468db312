package io.tahweel.gateways.iso8583.issuer;

import io.tahweel.gateways.iso8583.ForwardedFields;
import io.tahweel.gateways.iso8583.ResponseCodes;
import io.tahweel.sbe.AuthorizeDecoder;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.StoreAndForwardKind;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * The reference for {@link IssuerMessageWriter}: the jPOS {@code ISOMsg} builder the issuer side
 * used before it wrote its messages without jPOS, kept unchanged but for where the forwarded
 * fields come from. IssuerMessageWriterEquivalenceTest packs its messages with the link's packager
 * and compares the bytes. The field tables are on {@link IssuerMessages}.
 */
final class JposIssuerMessages
{
    static final int AUTHORIZATION = 100;
    static final int FINANCIAL = 200;
    static final int STAND_IN_ADVICE = 120;
    static final int COMPLETION_ADVICE = 220;
    static final int REVERSAL_ADVICE = 420;
    static final int NETWORK = 800;

    static final String SIGN_ON = "001";
    static final String ECHO = "301";
    static final String APPROVED = "00";

    private static final int STAN_MODULUS = 999_999;
    private static final long RRN_MODULUS = 1_000_000_000_000L;

    private final String institutionId;

    JposIssuerMessages(final String institutionId)
    {
        this.institutionId = institutionId;
    }

    /** The 0100 (dual message) or 0200 (single message) forwarding {@code authorize} to its issuer. */
    ISOMsg request(final AuthorizeDecoder authorize, final long authorizationId, final byte[] pan, final int panLength)
    {
        return request(authorize, authorizationId, pan, panLength, null);
    }

    /**
     * As above, plus the acquirer request's fields the journal does not keep (12, 13, 22, 25, 35,
     * 43, 52; null: none). Fields 35 and 52 are set as {@code fields}' own arrays: wiping
     * {@code fields} after the message is packed clears them from it too.
     */
    ISOMsg request(final AuthorizeDecoder authorize, final long authorizationId, final byte[] pan, final int panLength,
        final ForwardedFields fields)
    {
        final ISOMsg msg = common(authorize, authorizationId, pan, panLength);
        setMti(msg, requestMti(authorize));
        msg.set(4, digits(authorize.amount(), 12));
        msg.set(11, digits(stan(authorizationId), 6));
        if (fields != null)
        {
            addForwarded(fields, msg);
        }
        return msg;
    }

    /**
     * An advice the core owes the issuer ({@code kind}: StoreAndForwardKind value; {@code amount}:
     * the action's amount: stood-in, completed, or replacement amount of a partial reversal).
     * Null for a kind this build does not know.
     */
    ISOMsg advice(final AuthorizeDecoder authorize, final long authorizationId, final int kind, final long amount,
        final byte[] pan, final int panLength)
    {
        final ISOMsg msg = common(authorize, authorizationId, pan, panLength);
        msg.set(11, digits(adviceStan(authorizationId, kind), 6));
        msg.set(90, originalData(authorize, authorizationId));
        if (kind == StoreAndForwardKind.STAND_IN_ADVICE.value())
        {
            setMti(msg, STAND_IN_ADVICE);
            msg.set(4, digits(amount, 12));
            msg.set(38, approvalCode(authorizationId));
            msg.set(39, APPROVED);
        }
        else if (kind == StoreAndForwardKind.COMPLETION_ADVICE.value())
        {
            setMti(msg, COMPLETION_ADVICE);
            msg.set(4, digits(amount, 12));
        }
        else if (kind == StoreAndForwardKind.REVERSAL_ADVICE.value())
        {
            setMti(msg, REVERSAL_ADVICE);
            msg.set(4, digits(authorize.amount(), 12));
            if (amount > 0)
            {
                // partial: actual transaction amount, then settlement amount and fees unused
                msg.set(95, digits(amount, 12) + "000000000000" + "C00000000" + "C00000000");
            }
        }
        else
        {
            return null;
        }
        return msg;
    }

    /**
     * What {@code ForwardedFields.addTo(ISOMsg)} did: 35 and 52 as byte arrays, the others as
     * ISO-8859-1 strings.
     */
    private static void addForwarded(final ForwardedFields fields, final ISOMsg msg)
    {
        final byte[] value = new byte[64];
        for (final int field : new int[]{ 12, 13, 22, 25, 35, 43, 52 })
        {
            final int length = fields.copy(field, value);
            if (length < 0)
            {
                continue;
            }
            if (field == 35 || field == 52)
            {
                msg.set(field, java.util.Arrays.copyOf(value, length));
            }
            else
            {
                msg.set(field, new String(value, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
    }

    /** 0800 network management with function {@code code} (001 sign-on, 301 echo). */
    ISOMsg network(final String code, final int stan, final String transmissionDateTime)
    {
        final ISOMsg msg = new ISOMsg();
        setMti(msg, NETWORK);
        msg.set(7, transmissionDateTime);
        msg.set(11, digits(stan, 6));
        msg.set(33, institutionId);
        msg.set(70, code);
        return msg;
    }

    private ISOMsg common(final AuthorizeDecoder a, final long authorizationId, final byte[] pan, final int panLength)
    {
        final ISOMsg msg = new ISOMsg();
        if (panLength > 0)
        {
            msg.set(2, new String(pan, 0, panLength, java.nio.charset.StandardCharsets.US_ASCII));
        }
        msg.set(3, digits(a.processingCode(), 6));
        msg.set(7, digits(a.transmissionDateTime(), 10));
        if (a.expiry() > 0)
        {
            msg.set(14, digits(a.expiry(), 4));
        }
        if (a.mcc() > 0)
        {
            msg.set(18, digits(a.mcc(), 4));
        }
        msg.set(32, Long.toString(a.acquirerId()));
        msg.set(33, institutionId);
        msg.set(37, rrn(authorizationId));
        final String terminal = a.terminalId().trim();
        if (!terminal.isEmpty())
        {
            msg.set(41, terminal);
        }
        final String merchant = a.merchantId().trim();
        if (!merchant.isEmpty())
        {
            msg.set(42, merchant);
        }
        msg.set(49, digits(a.currency(), 3));
        return msg;
    }

    /** Field 90 of the forwarded request, as the issuer saw it. */
    private String originalData(final AuthorizeDecoder a, final long authorizationId)
    {
        return mti(requestMti(a)) + digits(stan(authorizationId), 6) + digits(a.transmissionDateTime(), 10) +
            digits(a.acquirerId(), 11) + pad(institutionId, 11);
    }

    static int requestMti(final AuthorizeDecoder a)
    {
        return a.captureMode() == CaptureMode.SINGLE_MESSAGE ? FINANCIAL : AUTHORIZATION;
    }

    /** Field 11 of the forwarded request. */
    static int stan(final long authorizationId)
    {
        return (int)(authorizationId % STAN_MODULUS) + 1;
    }

    /** Field 11 of an advice: differs per kind, the same on every retry. */
    static int adviceStan(final long authorizationId, final int kind)
    {
        return (int)(((authorizationId % STAN_MODULUS) * 4 + kind) % STAN_MODULUS) + 1;
    }

    /** Field 37: the authorization id, 12 digits. */
    static String rrn(final long authorizationId)
    {
        return digits(authorizationId % RRN_MODULUS, 12);
    }

    /** The authorization id in a field 37 the switch assigned, or -1 when it is not one. */
    static long authorizationId(final String rrn)
    {
        if (rrn == null || rrn.length() != 12)
        {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < 12; i++)
        {
            final char c = rrn.charAt(i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value > 0 ? value : -1;
    }

    /** The switch's own field 38 for an approval it gave: as the acquirer side derives it (authorization id mod 10^6). */
    static String approvalCode(final long authorizationId)
    {
        return ResponseCodes.approvalCode(authorizationId);
    }

    /** Sets the MTI (four digits); jPOS declares a checked exception it throws only for a bad MTI. */
    static void setMti(final ISOMsg msg, final int mti)
    {
        try
        {
            msg.setMTI(mti(mti));
        }
        catch (final ISOException ex)
        {
            throw new IllegalStateException("cannot set MTI " + mti, ex);
        }
    }

    static String mti(final int mti)
    {
        return digits(mti, 4);
    }

    static String digits(final long value, final int width)
    {
        final char[] out = new char[width];
        long v = value;
        for (int i = width - 1; i >= 0; i--)
        {
            out[i] = (char)('0' + v % 10);
            v /= 10;
        }
        return new String(out);
    }

    private static String pad(final String digits, final int width)
    {
        final StringBuilder out = new StringBuilder(width);
        for (int i = digits.length(); i < width; i++)
        {
            out.append('0');
        }
        return out.append(digits).toString();
    }
}

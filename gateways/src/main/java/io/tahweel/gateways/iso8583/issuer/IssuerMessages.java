package io.tahweel.gateways.iso8583.issuer;

import io.tahweel.gateways.iso8583.ResponseCodes;
import io.tahweel.sbe.AuthorizeDecoder;
import io.tahweel.sbe.CaptureMode;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * What the switch sends a remote issuer: the numbering and field tables, and the 0800 network
 * messages. The forwarded requests and advices themselves are written without jPOS by
 * {@link IssuerMessageWriter}; network management (sign-on, echo: one message per interval) is
 * rare and stays a jPOS {@code ISOMsg}, packed with the link's packager.
 * <p>
 * The switch is the acquirer the issuer sees, so it assigns its own trace numbers, derived from the authorization id (the Authorize entry's
 * sequence) so that an answer finds its authorization with no lookup and the same message
 * rebuilt after a restart is the same message:
 * <pre>
 *   field 11 (STAN)  request: authorizationId mod 999999 + 1
 *                    advice:  (authorizationId mod 999999 * 4 + kind) mod 999999 + 1
 *   field 37 (RRN)   authorizationId, 12 digits, zero-padded (the same on the request and its advices)
 *   field 32         the acquirer participant id of the original request
 *   field 33         the switch's institution id (forwarding institution)
 *   field 90         on advices: 0100|0200, request STAN, field 7, field 32 and field 33 (11 digits each)
 * </pre>
 * A forwarded request also carries what the acquirer sent in 12, 13, 22, 25, 35, 43 and 52
 * ({@code ForwardedFields}, memory only); advices never do (they are rebuilt from the journal,
 * possibly after a restart, and an advice carries no PIN).
 * Field-by-field tables: docs/protocols/iso8583.md, "Issuer links".
 */
final class IssuerMessages
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
    static final long RRN_MODULUS = 1_000_000_000_000L;

    private final String institutionId;

    IssuerMessages(final String institutionId)
    {
        this.institutionId = institutionId;
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
}

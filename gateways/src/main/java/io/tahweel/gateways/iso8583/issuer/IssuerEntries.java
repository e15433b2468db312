package io.tahweel.gateways.iso8583.issuer;

import io.tahweel.engine.pipeline.CommandPublisher;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.sbe.IssuerLinkStatusEncoder;
import io.tahweel.sbe.IssuerResponseEncoder;
import io.tahweel.sbe.MessageHeaderEncoder;
import io.tahweel.sbe.Source;
import io.tahweel.sbe.StoreAndForwardAcknowledgedEncoder;
import io.tahweel.sbe.StoreAndForwardKind;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Encodes what an issuer link learned into the input ring, straight into the claimed slot: the
 * link came up or went down, the issuer answered, the issuer acknowledged an advice. One per
 * link, used on the link's event loop only (the encoders are flyweights with state).
 * <p>
 * These entries cannot be answered "try again" as an acquirer's can, so a full ring is waited on
 * for up to {@link IssuerLimits#MAX_CLAIM_WAIT_MS}, then the event is dropped and logged: a lost
 * response becomes a time-out and a stand-in, a lost acknowledgement a retried advice.
 */
final class IssuerEntries
{
    /** Connection id tag of an issuer link ('I'); acquirer connections use 'A'. */
    static final long CONNECTION_TAG = 0x49L << 56;

    private static final System.Logger LOG = System.getLogger("io.tahweel.gateways.iso8583.issuer");
    private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final int issuerId;
    private final long connectionId;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final IssuerResponseEncoder response = new IssuerResponseEncoder();
    private final IssuerLinkStatusEncoder linkStatus = new IssuerLinkStatusEncoder();
    private final StoreAndForwardAcknowledgedEncoder acknowledged = new StoreAndForwardAcknowledgedEncoder();
    private final byte[] code = new byte[2];
    private final byte[] approval = new byte[6];
    private volatile CommandPublisher publisher;

    IssuerEntries(final int issuerId)
    {
        this.issuerId = issuerId;
        this.connectionId = CONNECTION_TAG | issuerId;
    }

    void publisher(final CommandPublisher publisher)
    {
        this.publisher = publisher;
    }

    boolean linkStatus(final boolean up)
    {
        final CommandSlot slot = claim("link " + (up ? "up" : "down"));
        if (slot == null)
        {
            return false;
        }
        int length = 0;
        try
        {
            linkStatus.wrapAndApplyHeader(slot.buffer(), 0, header);
            linkStatus.header().source(Source.ISO8583).connectionId(connectionId).correlationId(0);
            linkStatus.issuerId(issuerId).up((short)(up ? 1 : 0));
            length = MessageHeaderEncoder.ENCODED_LENGTH + linkStatus.encodedLength();
        }
        finally
        {
            publisher.publish(slot.length(length));
        }
        return true;
    }

    /**
     * The issuer's answer to a forwarded request.
     *
     * @param responseCode field 39, two characters (checked by the caller).
     * @param approvalCode field 38 or null; padded with spaces to six, cut at six.
     */
    boolean response(final long authorizationId, final String responseCode, final String approvalCode)
    {
        code[0] = (byte)responseCode.charAt(0);
        code[1] = (byte)responseCode.charAt(1);
        for (int i = 0; i < approval.length; i++)
        {
            approval[i] = approvalCode != null && i < approvalCode.length() ? (byte)approvalCode.charAt(i) : (byte)' ';
        }
        return publishResponse(authorizationId);
    }

    /** As above, from an answer read in place (field 38 already padded to six, spaces when none). */
    boolean response(final long authorizationId, final IssuerAnswer answer)
    {
        code[0] = answer.responseCode(0);
        code[1] = answer.responseCode(1);
        System.arraycopy(answer.approvalCode(), 0, approval, 0, approval.length);
        return publishResponse(authorizationId);
    }

    private boolean publishResponse(final long authorizationId)
    {
        final CommandSlot slot = claim("response");
        if (slot == null)
        {
            return false;
        }
        int length = 0;
        try
        {
            response.wrapAndApplyHeader(slot.buffer(), 0, header);
            response.header().source(Source.ISO8583).connectionId(connectionId).correlationId(authorizationId);
            response.issuerId(issuerId).authorizationId(authorizationId);
            response.responseCode(0, code[0]).responseCode(1, code[1]);
            for (int i = 0; i < approval.length; i++)
            {
                response.approvalCode(i, approval[i]);
            }
            length = MessageHeaderEncoder.ENCODED_LENGTH + response.encodedLength();
        }
        finally
        {
            publisher.publish(slot.length(length));
        }
        return true;
    }

    boolean acknowledged(final long authorizationId, final StoreAndForwardKind kind)
    {
        final CommandSlot slot = claim("acknowledgement");
        if (slot == null)
        {
            return false;
        }
        int length = 0;
        try
        {
            acknowledged.wrapAndApplyHeader(slot.buffer(), 0, header);
            acknowledged.header().source(Source.ISO8583).connectionId(connectionId).correlationId(authorizationId);
            acknowledged.issuerId(issuerId).authorizationId(authorizationId).kind(kind);
            length = MessageHeaderEncoder.ENCODED_LENGTH + acknowledged.encodedLength();
        }
        finally
        {
            publisher.publish(slot.length(length));
        }
        return true;
    }

    private CommandSlot claim(final String what)
    {
        final CommandPublisher ring = publisher;
        if (ring == null)
        {
            return null;
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IssuerLimits.MAX_CLAIM_WAIT_MS);
        while (true)
        {
            final CommandSlot slot = ring.tryClaim();
            if (slot != null)
            {
                return slot;
            }
            if (System.nanoTime() > deadline)
            {
                LOG.log(Level.WARNING, "issuer {0}: input ring full for {1} ms, {2} dropped", issuerId,
                    IssuerLimits.MAX_CLAIM_WAIT_MS, what);
                return null;
            }
            LockSupport.parkNanos(PARK_NANOS);
        }
    }
}

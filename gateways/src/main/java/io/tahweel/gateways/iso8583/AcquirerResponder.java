package io.tahweel.gateways.iso8583;

import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.sbe.IssuerResponseDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;

import java.lang.System.Logger.Level;

/**
 * Answers acquirers: the {@link Outcome#AUTHORIZATION} handler and the rejection handler of the
 * {@link Iso8583OutcomeRouter}. Finds the connection by the outcome's connection id (which the
 * core may have redirected from the entry's own), then hands the answer to that connection's
 * event loop. Takes only outcomes addressed to acquirer connections; others pass on.
 */
final class AcquirerResponder
{
    private static final System.Logger LOG = System.getLogger("io.tahweel.gateways.iso8583");

    private final AcquirerConnections connections;
    private final MessageHeaderDecoder messageHeader = new MessageHeaderDecoder();
    private final IssuerResponseDecoder issuerResponse = new IssuerResponseDecoder();

    AcquirerResponder(final AcquirerConnections connections)
    {
        this.connections = connections;
    }

    /** An authorization answer: field 39 from the one table, field 38 from the authorization id. */
    boolean onAuthorization(final CommandSlot slot)
    {
        final Outcome outcome = slot.outcome();
        final long connectionId = outcome.connectionId();
        if (!AcquirerConnections.isAcquirerConnection(connectionId))
        {
            return false;
        }
        final AcquirerSession session = connections.get(connectionId);
        if (session == null)
        {
            LOG.log(Level.INFO, "answer at sequence {0} for closed connection {1} dropped (the acquirer retransmits)",
                outcome.sequence(), Long.toHexString(connectionId));
            return true;
        }
        session.deliver(outcome.correlationId(), responseCode(outcome), outcome.authorizationId(),
            issuerApprovalCode(slot));
        return true;
    }

    /**
     * Actions addressed to acquirer requests other than by the entry's own answer:
     * {@link Outcome#ACTION_ANSWER} (answers decided by a timer tick or an issuer link change:
     * stand-in for a remote issuer) and {@link Outcome#ACTION_NOT_ANSWERED} (a repeat while its
     * original still waits for the issuer: its in-flight entry is released, nothing is sent; the
     * original's answer follows). Always passes the outcome on: the same outcome may carry actions
     * for the issuer links.
     */
    boolean onActions(final CommandSlot slot)
    {
        final Outcome outcome = slot.outcome();
        for (int i = 0; i < outcome.actionCount(); i++)
        {
            final byte kind = outcome.actionKind(i);
            if (kind != Outcome.ACTION_ANSWER && kind != Outcome.ACTION_NOT_ANSWERED ||
                !AcquirerConnections.isAcquirerConnection(outcome.actionConnectionId(i)))
            {
                continue;
            }
            final AcquirerSession session = connections.get(outcome.actionConnectionId(i));
            if (session == null)
            {
                if (kind == Outcome.ACTION_ANSWER)
                {
                    LOG.log(Level.INFO, "stand-in answer at sequence {0} for closed connection {1} dropped",
                        outcome.sequence(), Long.toHexString(outcome.actionConnectionId(i)));
                }
                continue;
            }
            if (kind == Outcome.ACTION_NOT_ANSWERED)
            {
                session.release(outcome.actionCorrelationId(i));
            }
            else
            {
                session.deliver(outcome.actionCorrelationId(i), ResponseCodes.code(outcome.actionCode(i)),
                    outcome.actionAuthorizationId(i));
            }
        }
        return false;
    }

    /** {@link ForwardedFieldsSource#take}: the fields an acquirer request in flight keeps for a forward. Any thread. */
    ForwardedFields takeForwarded(final long connectionId, final long correlationId)
    {
        final AcquirerSession session = connections.get(connectionId);
        return session == null ? null : session.takeForwarded(correlationId);
    }

    /** A remote issuer's own field 39 when it answered, else the one table's code for the result. */
    static String responseCode(final Outcome outcome)
    {
        final short code = outcome.issuerResponseCode();
        if (code == 0)
        {
            return ResponseCodes.code(outcome.result());
        }
        return new String(new char[]{ (char)((code >> 8) & 0xFF), (char)(code & 0xFF) });
    }

    /** The issuer's field 38 when the entry is its IssuerResponse and it sent one; null: the switch's own. */
    private String issuerApprovalCode(final CommandSlot slot)
    {
        messageHeader.wrap(slot.buffer(), 0);
        if (messageHeader.templateId() != IssuerResponseDecoder.TEMPLATE_ID)
        {
            return null;
        }
        issuerResponse.wrapAndApplyHeader(slot.buffer(), 0, messageHeader);
        final String code = issuerResponse.approvalCode().trim();
        return code.isEmpty() ? null : code;
    }

    /**
     * An entry the journaler refused (length, schema, template, node stopping): it never reached
     * the journal, so answer it now by the entry header: 91 when the node is stopping (try again
     * elsewhere), else 96.
     */
    boolean onRejected(final CommandSlot slot)
    {
        final long connectionId = slot.connectionId();
        if (!AcquirerConnections.isAcquirerConnection(connectionId))
        {
            return false;
        }
        final AcquirerSession session = connections.get(connectionId);
        if (session != null)
        {
            final int rejection = slot.rejection();
            final String code = rejection == CommandSlot.REJECTED_NODE_STOPPED || rejection == CommandSlot.REJECTED_NO_STANDBY ?
                ResponseCodes.SYSTEM_UNAVAILABLE : ResponseCodes.SYSTEM_MALFUNCTION;
            session.deliver(slot.correlationId(), code, 0);
        }
        return true;
    }
}

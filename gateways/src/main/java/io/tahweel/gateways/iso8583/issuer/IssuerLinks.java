package io.tahweel.gateways.iso8583.issuer;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.pipeline.CommandPublisher;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.gateways.card.PanCipher;
import io.tahweel.gateways.card.PanMasker;
import io.tahweel.gateways.iso8583.ForwardedFields;
import io.tahweel.gateways.iso8583.ForwardedFieldsSource;
import io.tahweel.gateways.iso8583.Iso8583OutcomeRouter;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalTailer;
import io.tahweel.sbe.AuthorizeDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The issuer side of the ISO 8583 gateway: one client link per remote issuer host, and the
 * outcome handler that turns the core's actions into messages to issuers.
 * <pre>
 *   core outcome (output thread)
 *     ACTION_FORWARD           ─► the Authorize entry (this slot) + PAN from panCipher
 *                                 + ForwardedFields taken from the acquirer side (52, 35, 12, 13, 22, 25, 43)
 *                                 ─► 0100/0200 written into the link's outbox (PAN and fields wiped then) ─► link
 *     ACTION_STORE_AND_FORWARD ─► Journal.read(authorizationId) + PAN from panCipher  ─► 0120/0220/0420 ─► link
 *   link (its event loop)
 *     signed on / dropped      ─► IssuerLinkStatus        ─► ring
 *     0110/0210                ─► IssuerResponse          ─► ring ─► core answers the acquirer
 *     0130/0230/0430           ─► StoreAndForwardAcknowledged ─► ring
 * </pre>
 * Wiring, next to the acquirer gateway (handlers must be registered before the node starts;
 * the journal exists only once it has):
 * <pre>
 *   Iso8583Gateway gateway = new Iso8583Gateway(config, tokenizer, panCipher);
 *   IssuerLinks issuers = new IssuerLinks(linksConfig, panCipher, gateway.outcomeRouter());
 *   SwitchNode node = SwitchNode.start(context.outcomeListener(gateway.outcomeRouter()), genesis);
 *   gateway.start(node.publisher());
 *   issuers.start(node.publisher(), node.journal());
 *   ...
 *   issuers.stop(); gateway.stop(); node.close();
 * </pre>
 */
public final class IssuerLinks implements AutoCloseable
{
    private static final System.Logger LOG = System.getLogger("io.tahweel.gateways.iso8583.issuer");

    private final IssuerLinksConfig config;
    private final PanCipher panCipher;
    private final Iso8583OutcomeRouter router;
    private final ForwardedFieldsSource forwardedFields;
    private final Int2ObjectHashMap<IssuerLink> links = new Int2ObjectHashMap<>();
    private final IssuerLink[] linkArray;

    // output thread only
    private final MessageHeaderDecoder messageHeader = new MessageHeaderDecoder();
    private final AuthorizeDecoder authorize = new AuthorizeDecoder();
    private final byte[] cipher = new byte[PanCipher.CIPHER_LENGTH];
    private final byte[] pan = new byte[PanMasker.MAX_PAN_LENGTH];

    private volatile Journal journal;
    private volatile boolean started;
    private EventLoopGroup group;

    /**
     * Creates the links (not connected yet) and registers the outcome handler on {@code router}.
     *
     * @param panCipher the key that encrypted {@code Authorize.panCipher} (the acquirer gateway's).
     */
    public IssuerLinks(final IssuerLinksConfig config, final PanCipher panCipher, final Iso8583OutcomeRouter router)
    {
        this(config, panCipher, router, null);
    }

    /**
     * As above, with an explicit source of the forwarded requests' in-memory fields; null: the
     * one the acquirer gateway set on {@code router} ({@link Iso8583OutcomeRouter#forwardedFields()}),
     * read at each forward.
     */
    public IssuerLinks(final IssuerLinksConfig config, final PanCipher panCipher, final Iso8583OutcomeRouter router,
        final ForwardedFieldsSource forwardedFields)
    {
        if (panCipher == null)
        {
            throw new IllegalArgumentException("issuer links need the PAN cipher: the journal holds no card number");
        }
        this.config = config;
        this.panCipher = panCipher;
        this.router = router;
        this.forwardedFields = forwardedFields;
        for (final IssuerLinkConfig link : config.links())
        {
            links.put(link.issuerId(), new IssuerLink(link, config.institutionId()));
        }
        linkArray = links.values().toArray(new IssuerLink[0]);
        router.register(Outcome.NONE, this::onOutcome);
    }

    /** Connects every link; they sign on and journal their state into {@code publisher}'s ring. */
    public synchronized void start(final CommandPublisher publisher, final Journal journal)
    {
        if (group != null)
        {
            throw new IllegalStateException("already started");
        }
        this.journal = journal;
        group = new MultiThreadIoEventLoopGroup(config.ioThreads(), NioIoHandler.newFactory());
        for (final IssuerLink link : linkArray)
        {
            link.start(group.next(), publisher);
            LOG.log(Level.INFO, "issuer link for {0} started", link.issuerId());
        }
        started = true;
    }

    /** Closes every link (each journals itself down) and stops the I/O threads. */
    public synchronized void stop()
    {
        if (group == null)
        {
            return;
        }
        started = false;
        for (final IssuerLink link : linkArray)
        {
            link.stop();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        group = null;
    }

    @Override
    public void close()
    {
        stop();
    }

    /** Whether the link to {@code issuerId} is signed on now. */
    public boolean isSignedOn(final int issuerId)
    {
        final IssuerLink link = links.get(issuerId);
        return link != null && link.signedOn();
    }

    /** Successful sign-ons of the link to {@code issuerId} since start (reconnects count). */
    public int signOns(final int issuerId)
    {
        final IssuerLink link = links.get(issuerId);
        return link == null ? 0 : link.signOns();
    }

    /**
     * The handler for outcomes with actions (registered for {@link Outcome#NONE}, the type of the
     * outcomes that carry forwards and advices). Always passes the outcome on: the acquirer side
     * answers ACTION_ANSWER from the same outcome.
     */
    boolean onOutcome(final CommandSlot slot)
    {
        if (!started)
        {
            return false;
        }
        final Outcome outcome = slot.outcome();
        for (int i = 0; i < outcome.actionCount(); i++)
        {
            final byte kind = outcome.actionKind(i);
            if (kind == Outcome.ACTION_FORWARD)
            {
                forward(slot, outcome.actionIssuer(i), outcome.actionAuthorizationId(i),
                    outcome.actionConnectionId(i), outcome.actionCorrelationId(i));
            }
            else if (kind == Outcome.ACTION_STORE_AND_FORWARD)
            {
                storeAndForward(outcome.actionIssuer(i), outcome.actionAuthorizationId(i), outcome.actionCode(i),
                    outcome.actionAmount(i));
            }
        }
        return false;
    }

    private void forward(final CommandSlot slot, final int issuerId, final long authorizationId,
        final long connectionId, final long correlationId)
    {
        // Taken whatever happens next, so that nothing but this method holds them; wiped below or by the link.
        final ForwardedFields fields = forwardedFieldsSource().take(connectionId, correlationId);
        final IssuerLink link = link(issuerId, authorizationId);
        if (link == null)
        {
            wipe(fields);
            return;
        }
        // The forward is the Authorize entry's own outcome: the entry is in this slot, as journaled.
        if (slot.sequence() == authorizationId && wrapAuthorize(slot.buffer(), 0))
        {
            forward(link, authorizationId, fields);
            return;
        }
        if (!readAuthorize(authorizationId, () -> forward(link, authorizationId, fields)))
        {
            wipe(fields);
            LOG.log(Level.ERROR, "issuer {0}: authorization {1} is not an Authorize entry, not forwarded", issuerId,
                authorizationId);
        }
    }

    /** Writes the request into the link's outbox; the PAN and {@code fields} (may be null) are wiped once it is written. */
    private void forward(final IssuerLink link, final long authorizationId, final ForwardedFields fields)
    {
        final int panLength = decryptPan(authorizationId);
        try
        {
            if (panLength <= 0)
            {
                LOG.log(Level.ERROR, "issuer {0}: authorization {1} has no card number the gateway can decrypt " +
                    "(panCipher absent or another key), not forwarded", link.issuerId(), authorizationId);
                return;
            }
            if (fields == null && LOG.isLoggable(Level.DEBUG)) // checked first: the arguments would be boxed per message
            {
                LOG.log(Level.DEBUG, "issuer {0}: authorization {1} forwarded without the request's in-memory " +
                    "fields (none sent, or its acquirer connection closed)", link.issuerId(), authorizationId);
            }
            link.forward(authorize, authorizationId, pan, panLength, fields);
        }
        finally
        {
            Arrays.fill(pan, (byte)0);
            wipe(fields);
        }
    }

    private ForwardedFieldsSource forwardedFieldsSource()
    {
        return forwardedFields != null ? forwardedFields : router.forwardedFields();
    }

    private static void wipe(final ForwardedFields fields)
    {
        if (fields != null)
        {
            fields.wipe();
        }
    }

    private void storeAndForward(final int issuerId, final long authorizationId, final int kind, final long amount)
    {
        final IssuerLink link = link(issuerId, authorizationId);
        if (link == null)
        {
            return;
        }
        final boolean found = readAuthorize(authorizationId, () ->
        {
            final int panLength = decryptPan(authorizationId);
            try
            {
                if (panLength <= 0)
                {
                    LOG.log(Level.WARNING, "issuer {0}: authorization {1} has no decryptable card number, advice " +
                        "sent without field 2", issuerId, authorizationId);
                }
                link.advise(authorize, authorizationId, kind, amount, pan, Math.max(panLength, 0));
            }
            finally
            {
                Arrays.fill(pan, (byte)0);
            }
        });
        if (!found)
        {
            LOG.log(Level.ERROR, "issuer {0}: advice for authorization {1}: no Authorize entry at that sequence",
                issuerId, authorizationId);
        }
    }

    private IssuerLink link(final int issuerId, final long authorizationId)
    {
        final IssuerLink link = links.get(issuerId);
        if (link == null)
        {
            LOG.log(Level.ERROR, "no issuer link configured for issuer {0} (authorization {1})", issuerId,
                authorizationId);
        }
        return link;
    }

    /**
     * Reads the entry at {@code sequence}; runs {@code then} with {@link #authorize} wrapped on it
     * if it is an Authorize. A tailer of our own rather than {@link Journal#read}, whose reader is
     * shared by every caller: advices are rare (each retried at most every 5 s), a tailer per read is cheap enough.
     */
    private boolean readAuthorize(final long sequence, final Runnable then)
    {
        final Journal source = journal;
        if (sequence < 1 || sequence > source.lastSequence())
        {
            return false;
        }
        final boolean[] isAuthorize = new boolean[1];
        try (JournalTailer tailer = source.tailer(sequence))
        {
            tailer.poll((buffer, offset, length, seq) ->
            {
                if (seq == sequence && wrapAuthorize(buffer, offset))
                {
                    isAuthorize[0] = true;
                    then.run();
                }
            }, 1);
        }
        catch (final IllegalArgumentException ex)
        {
            return false; // before the first entry kept
        }
        return isAuthorize[0];
    }

    private boolean wrapAuthorize(final DirectBuffer buffer, final int offset)
    {
        messageHeader.wrap(buffer, offset);
        if (messageHeader.templateId() != AuthorizeDecoder.TEMPLATE_ID ||
            messageHeader.schemaId() != AuthorizeDecoder.SCHEMA_ID)
        {
            return false;
        }
        authorize.wrapAndApplyHeader(buffer, offset, messageHeader);
        return true;
    }

    /** The PAN of the wrapped Authorize into {@link #pan}: its length, or 0/-1 when absent/undecryptable. */
    private int decryptPan(final long authorizationId)
    {
        authorize.getPanCipher(cipher, 0, cipher.length);
        final int length = panCipher.decrypt(cipher, 0, pan);
        Arrays.fill(cipher, (byte)0);
        if (length == PanCipher.INVALID)
        {
            LOG.log(Level.WARNING, "authorization {0}: panCipher does not decrypt with this gateway's key",
                authorizationId);
        }
        return length;
    }
}

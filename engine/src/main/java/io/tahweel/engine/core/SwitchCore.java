package io.tahweel.engine.core;

import io.tahweel.engine.admin.AdminCommands;
import io.tahweel.engine.card.AuthorizationBook;
import io.tahweel.engine.card.CardAuthorizer;
import io.tahweel.engine.card.Cards;
import io.tahweel.engine.card.RemoteIssuing;
import io.tahweel.engine.currency.Currencies;
import io.tahweel.engine.ledger.Ledger;
import io.tahweel.engine.participant.Participants;
import io.tahweel.engine.routing.BinRouteTable;
import io.tahweel.engine.settlement.FeeSchedules;
import io.tahweel.engine.settlement.Settlement;
import io.tahweel.engine.settlement.SettlementPositions;
import io.tahweel.engine.settlement.SettlementWindows;
import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.engine.state.SnapshotWriter;
import io.tahweel.sbe.AddBinRouteDecoder;
import io.tahweel.sbe.AddParticipantDecoder;
import io.tahweel.sbe.AdminResult;
import io.tahweel.sbe.AuthorizeDecoder;
import io.tahweel.sbe.CloseSettlementWindowDecoder;
import io.tahweel.sbe.CompleteAuthorizationDecoder;
import io.tahweel.sbe.ConfigureSettlementDecoder;
import io.tahweel.sbe.CreateTransferDecoder;
import io.tahweel.sbe.EnableCurrencyDecoder;
import io.tahweel.sbe.EpochStartDecoder;
import io.tahweel.sbe.EntryHeaderDecoder;
import io.tahweel.sbe.ConfigureStandInDecoder;
import io.tahweel.sbe.IssueCardDecoder;
import io.tahweel.sbe.IssuerLinkStatusDecoder;
import io.tahweel.sbe.IssuerResponseDecoder;
import io.tahweel.sbe.StoreAndForwardAcknowledgedDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;
import io.tahweel.sbe.OpenAccountDecoder;
import io.tahweel.sbe.OpenSettlementWindowDecoder;
import io.tahweel.sbe.ReverseAuthorizationDecoder;
import io.tahweel.sbe.SetCardLimitsDecoder;
import io.tahweel.sbe.SetCardStatusDecoder;
import io.tahweel.sbe.SetParticipantStatusDecoder;
import io.tahweel.sbe.SetSettlementScheduleDecoder;
import io.tahweel.sbe.TimerTickDecoder;
import io.tahweel.sbe.TransferResult;
import org.agrona.DirectBuffer;

/**
 * The deterministic core: one thread, one method that changes state.
 * <p>
 * {@link #onEntry} decodes a journal entry (one decoder field per template, a switch on the
 * template id) and applies it. The entry's journaled timestamp is the only clock, ids derive
 * from journal sequences, and every store iterates in creation order, so running the same
 * journal always produces the same state and the same {@link #stateHash()}. Live processing,
 * recovery, replay and a standby all call this same method.
 */
public final class SwitchCore
{
    /** Version of the snapshot payload this core writes and reads. */
    public static final int SNAPSHOT_VERSION = 2;
    private static final int SNAPSHOT_MAGIC = 0x54574352; // "TWCR"

    private final MessageHeaderDecoder messageHeader = new MessageHeaderDecoder();
    private final EntryHeaderDecoder entryHeader = new EntryHeaderDecoder();
    private final EnableCurrencyDecoder enableCurrency = new EnableCurrencyDecoder();
    private final AddParticipantDecoder addParticipant = new AddParticipantDecoder();
    private final SetParticipantStatusDecoder setParticipantStatus = new SetParticipantStatusDecoder();
    private final OpenAccountDecoder openAccount = new OpenAccountDecoder();
    private final AddBinRouteDecoder addBinRoute = new AddBinRouteDecoder();
    private final IssueCardDecoder issueCard = new IssueCardDecoder();
    private final SetCardStatusDecoder setCardStatus = new SetCardStatusDecoder();
    private final SetCardLimitsDecoder setCardLimits = new SetCardLimitsDecoder();
    private final OpenSettlementWindowDecoder openWindow = new OpenSettlementWindowDecoder();
    private final CloseSettlementWindowDecoder closeWindow = new CloseSettlementWindowDecoder();
    private final ConfigureSettlementDecoder configureSettlement = new ConfigureSettlementDecoder();
    private final SetSettlementScheduleDecoder setSchedule = new SetSettlementScheduleDecoder();
    private final TimerTickDecoder timerTick = new TimerTickDecoder();
    private final CreateTransferDecoder createTransfer = new CreateTransferDecoder();
    private final AuthorizeDecoder authorize = new AuthorizeDecoder();
    private final CompleteAuthorizationDecoder complete = new CompleteAuthorizationDecoder();
    private final ReverseAuthorizationDecoder reverse = new ReverseAuthorizationDecoder();
    private final IssuerResponseDecoder issuerResponse = new IssuerResponseDecoder();
    private final IssuerLinkStatusDecoder issuerLinkStatus = new IssuerLinkStatusDecoder();
    private final StoreAndForwardAcknowledgedDecoder acknowledged = new StoreAndForwardAcknowledgedDecoder();
    private final ConfigureStandInDecoder configureStandIn = new ConfigureStandInDecoder();

    private final CoreContext context;
    private final Currencies currencies = new Currencies();
    private final Participants participants;
    private final BinRouteTable routes;
    private final Cards cards;
    private final Ledger ledger;
    private final AuthorizationBook book;
    private final Settlement settlement;
    private final AdminCommands admin;
    private final CardAuthorizer cardAuthorizer;

    /** Reused by {@link #stateHash()}; created on first use. */
    private SnapshotWriter hashWriter;
    private long lastSequence;
    private long lastTimestamp;

    public SwitchCore(final CoreContext context)
    {
        this.context = context;
        participants = new Participants(context.participantCapacity());
        routes = new BinRouteTable(context.routeCapacity());
        ledger = new Ledger(context.accountCapacity(), context.transferCapacity());
        cards = new Cards(context.cardCapacity(), ledger::accountRow);
        book = new AuthorizationBook(context.authorizationCapacity());
        settlement = new Settlement(new SettlementWindows(), new SettlementPositions(context.positionCapacity()),
            new FeeSchedules(), participants, ledger);
        admin = new AdminCommands(currencies, participants, routes, cards, ledger, settlement);

        cardAuthorizer = new CardAuthorizer(participants, currencies, routes, cards, book, ledger, settlement,
            context.participantCapacity(), context.storeAndForwardCapacity());
    }

    /**
     * Applies one journal entry and writes the answer into {@code out}.
     *
     * @throws UnsupportedEntryException when the entry is from another schema, a newer schema
     *         version, an unknown template or out of sequence: the journal cannot be applied
     *         faithfully, so the core stops rather than guess.
     */
    public void onEntry(final DirectBuffer buffer, final int offset, final int length, final Outcome out)
    {
        messageHeader.wrap(buffer, offset);
        entryHeader.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH);
        final long sequence = entryHeader.sequence();
        final long timestamp = entryHeader.timestamp();
        checkEntry(sequence, length);
        out.begin(sequence, entryHeader.correlationId(), entryHeader.connectionId());
        lastSequence = sequence;
        lastTimestamp = Math.max(lastTimestamp, timestamp);

        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = messageHeader.blockLength();
        final int version = messageHeader.version();
        switch (messageHeader.templateId())
        {
            case AuthorizeDecoder.TEMPLATE_ID:
                authorize.wrap(buffer, bodyOffset, blockLength, version);
                cardAuthorizer.authorize(authorize, sequence, timestamp, out);
                break;
            case CompleteAuthorizationDecoder.TEMPLATE_ID:
                complete.wrap(buffer, bodyOffset, blockLength, version);
                cardAuthorizer.complete(complete, sequence, timestamp, out);
                break;
            case ReverseAuthorizationDecoder.TEMPLATE_ID:
                reverse.wrap(buffer, bodyOffset, blockLength, version);
                cardAuthorizer.reverse(reverse, sequence, timestamp, out);
                break;
            case TimerTickDecoder.TEMPLATE_ID:
                timerTick.wrap(buffer, bodyOffset, blockLength, version);
                cardAuthorizer.onTimer(timestamp, out);
                settlement.onTick(timestamp, sequence);
                break;
            case IssuerResponseDecoder.TEMPLATE_ID:
                cardAuthorizer.remote().onIssuerResponse(issuerResponse.wrap(buffer, bodyOffset, blockLength, version), out);
                break;
            case IssuerLinkStatusDecoder.TEMPLATE_ID:
                issuerLinkStatus.wrap(buffer, bodyOffset, blockLength, version);
                onLinkStatus((int)issuerLinkStatus.issuerId(), issuerLinkStatus.up() == 1, timestamp, out);
                break;
            case StoreAndForwardAcknowledgedDecoder.TEMPLATE_ID:
                acknowledged.wrap(buffer, bodyOffset, blockLength, version);
                cardAuthorizer.remote().onAcknowledged((int)acknowledged.issuerId(), acknowledged.authorizationId(),
                    acknowledged.kindRaw());
                break;
            case CreateTransferDecoder.TEMPLATE_ID:
                createTransfer.wrap(buffer, bodyOffset, blockLength, version);
                out.transfer(createTransfer(timestamp).value());
                break;
            case EpochStartDecoder.TEMPLATE_ID:
                break; // node lifecycle (replication): journaled, changes no business state, outcome NONE
            default:
                out.admin(onAdmin(buffer, bodyOffset, blockLength, version, sequence).value());
        }
    }

    private AdminResult onAdmin(
        final DirectBuffer buffer, final int offset, final int blockLength, final int version, final long sequence)
    {
        switch (messageHeader.templateId())
        {
            case EnableCurrencyDecoder.TEMPLATE_ID:
                return admin.enableCurrency(enableCurrency.wrap(buffer, offset, blockLength, version));
            case AddParticipantDecoder.TEMPLATE_ID:
                return admin.addParticipant(addParticipant.wrap(buffer, offset, blockLength, version));
            case SetParticipantStatusDecoder.TEMPLATE_ID:
                return admin.setParticipantStatus(setParticipantStatus.wrap(buffer, offset, blockLength, version));
            case OpenAccountDecoder.TEMPLATE_ID:
                return admin.openAccount(openAccount.wrap(buffer, offset, blockLength, version));
            case AddBinRouteDecoder.TEMPLATE_ID:
                return admin.addBinRoute(addBinRoute.wrap(buffer, offset, blockLength, version));
            case IssueCardDecoder.TEMPLATE_ID:
                return admin.issueCard(issueCard.wrap(buffer, offset, blockLength, version));
            case SetCardStatusDecoder.TEMPLATE_ID:
                return admin.setCardStatus(setCardStatus.wrap(buffer, offset, blockLength, version));
            case SetCardLimitsDecoder.TEMPLATE_ID:
                return admin.setCardLimits(setCardLimits.wrap(buffer, offset, blockLength, version));
            case OpenSettlementWindowDecoder.TEMPLATE_ID:
                return admin.openSettlementWindow(openWindow.wrap(buffer, offset, blockLength, version), sequence);
            case CloseSettlementWindowDecoder.TEMPLATE_ID:
                return admin.closeSettlementWindow(closeWindow.wrap(buffer, offset, blockLength, version), sequence);
            case ConfigureSettlementDecoder.TEMPLATE_ID:
                return admin.configureSettlement(configureSettlement.wrap(buffer, offset, blockLength, version));
            case SetSettlementScheduleDecoder.TEMPLATE_ID:
                return admin.setSettlementSchedule(setSchedule.wrap(buffer, offset, blockLength, version));
            case ConfigureStandInDecoder.TEMPLATE_ID:
                return admin.configureStandIn(configureStandIn.wrap(buffer, offset, blockLength, version),
                    cardAuthorizer.remote().rules());
            default:
                throw new UnsupportedEntryException(sequence, "unknown entry type (template id " +
                    messageHeader.templateId() + ")");
        }
    }

    /** Link changes of participants that are not remote issuers are ignored: only remote issuers have links. */
    private void onLinkStatus(final int issuer, final boolean up, final long timestamp, final Outcome out)
    {
        if (participants.hasRole(issuer, Participants.ROLE_ISSUER) && !participants.isHosted(issuer) &&
            cardAuthorizer.remote().rules().hasRoomForIssuer(issuer))
        {
            cardAuthorizer.remote().onLinkStatus(issuer, up, timestamp, out);
        }
    }

    private TransferResult createTransfer(final long timestamp)
    {
        final long id = createTransfer.transferId();
        if (TransferIds.isReserved(id))
        {
            return TransferResult.ID_RESERVED;
        }
        return ledger.createTransfer(id, createTransfer.debitAccountId(), createTransfer.creditAccountId(),
            createTransfer.amount(), createTransfer.currency(), createTransfer.flags().getRaw(),
            createTransfer.pendingId(), createTransfer.timeoutSeconds() * 1_000_000_000L, createTransfer.code(),
            timestamp);
    }

    private void checkEntry(final long sequence, final int length)
    {
        if (messageHeader.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            throw new UnsupportedEntryException(sequence, "schema id " + messageHeader.schemaId() + ", expected " +
                MessageHeaderDecoder.SCHEMA_ID);
        }
        if (messageHeader.version() > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            throw new UnsupportedEntryException(sequence, "schema version " + messageHeader.version() +
                " is newer than this build's " + MessageHeaderDecoder.SCHEMA_VERSION);
        }
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + messageHeader.blockLength())
        {
            throw new UnsupportedEntryException(sequence, "entry of " + length + " bytes is shorter than its block");
        }
        if (sequence != lastSequence + 1)
        {
            throw new UnsupportedEntryException(sequence, "out of order: expected sequence " + (lastSequence + 1));
        }
        if (!EntryTypes.isSupported(messageHeader.templateId()))
        {
            throw new UnsupportedEntryException(sequence, "unknown entry type (template id " +
                messageHeader.templateId() + ")");
        }
    }

    /** Sequence of the last entry applied; 0 before the first. */
    public long lastSequence()
    {
        return lastSequence;
    }

    /** Latest journal time seen, in nanoseconds since the epoch. */
    public long lastTimestamp()
    {
        return lastTimestamp;
    }

    /**
     * Writes the whole state, deterministically ordered. The same bytes are the snapshot
     * payload and the input of {@link #stateHash()}.
     */
    public void writeSnapshot(final SnapshotWriter writer)
    {
        writer.putInt(SNAPSHOT_MAGIC).putInt(SNAPSHOT_VERSION).putLong(lastSequence).putLong(lastTimestamp);
        currencies.writeSnapshot(writer);
        participants.writeSnapshot(writer);
        routes.writeSnapshot(writer);
        ledger.writeSnapshot(writer);
        cards.writeSnapshot(writer);
        book.writeSnapshot(writer);
        cardAuthorizer.remote().writeSnapshot(writer);
        settlement.writeSnapshot(writer);
    }

    /**
     * An upper bound of what {@link #writeSnapshot} writes for a core of these capacities, every store full: sizes a
     * {@link SnapshotWriter} once, at start, so that no checkpoint grows one on the core's thread. About 180 MB at
     * the default capacities.
     */
    public static long maxSnapshotLength(final CoreContext context)
    {
        return 2 * Integer.BYTES + 2 * Long.BYTES +
            Currencies.maxSnapshotLength() +
            Participants.maxSnapshotLength(context.participantCapacity(), context.accountCapacity()) +
            BinRouteTable.maxSnapshotLength(context.routeCapacity()) +
            Ledger.maxSnapshotLength(context.accountCapacity(), context.transferCapacity()) +
            Cards.maxSnapshotLength(context.cardCapacity()) +
            AuthorizationBook.maxSnapshotLength(context.authorizationCapacity()) +
            RemoteIssuing.maxSnapshotLength(
                context.participantCapacity(), context.cardCapacity(), context.storeAndForwardCapacity()) +
            Settlement.maxSnapshotLength(context.positionCapacity());
    }

    /** Restores a core written by {@link #writeSnapshot}; this core must be new. */
    public void readSnapshot(final SnapshotReader reader)
    {
        if (lastSequence != 0)
        {
            throw new IllegalStateException("snapshot must be loaded into a new core");
        }
        final int magic = reader.getInt();
        final int version = reader.getInt();
        if (magic != SNAPSHOT_MAGIC || version != SNAPSHOT_VERSION)
        {
            throw new IllegalStateException("not a core snapshot of version " + SNAPSHOT_VERSION + " (magic 0x" +
                Integer.toHexString(magic) + ", version " + version + ")");
        }
        lastSequence = reader.getLong();
        lastTimestamp = reader.getLong();
        currencies.readSnapshot(reader);
        participants.readSnapshot(reader);
        routes.readSnapshot(reader);
        ledger.readSnapshot(reader);
        cards.readSnapshot(reader);
        book.readSnapshot(reader);
        cardAuthorizer.remote().readSnapshot(reader);
        settlement.readSnapshot(reader);
        cardAuthorizer.afterRestore();
    }

    /**
     * SHA-256 of the snapshot bytes: equal hashes mean equal state. Not for the hot path: it serialises the whole
     * core (about 100 MB with a full authorization book at production sizes). The buffer is kept for the next hash;
     * it starts small and grows, which suits tools and tests; a thread that hashes at production sizes passes a
     * writer sized once with {@link #maxSnapshotLength} to {@link #stateHash(SnapshotWriter)} instead.
     */
    public StateHash stateHash()
    {
        if (null == hashWriter)
        {
            hashWriter = new SnapshotWriter(1 << 20);
        }
        return stateHash(hashWriter);
    }

    /**
     * {@link #stateHash()} serialised into the given writer, which is reset first.
     */
    public StateHash stateHash(final SnapshotWriter writer)
    {
        writeSnapshot(writer.reset());
        return StateHash.of(lastSequence, writer.buffer(), 0, writer.position());
    }

    public CoreContext context()
    {
        return context;
    }

    public Ledger ledger()
    {
        return ledger;
    }

    public Participants participants()
    {
        return participants;
    }

    public Cards cards()
    {
        return cards;
    }

    public BinRouteTable routes()
    {
        return routes;
    }

    public Currencies currencies()
    {
        return currencies;
    }

    public SettlementWindows windows()
    {
        return settlement.windows();
    }

    public Settlement settlement()
    {
        return settlement;
    }

    public AuthorizationBook authorizations()
    {
        return book;
    }

    /** Remote issuing: requests awaiting issuers, stand-in rules, the store-and-forward queue. */
    public RemoteIssuing remoteIssuing()
    {
        return cardAuthorizer.remote();
    }
}

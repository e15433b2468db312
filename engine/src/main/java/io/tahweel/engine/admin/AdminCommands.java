package io.tahweel.engine.admin;

import io.tahweel.engine.card.Cards;
import io.tahweel.engine.card.StandInRules;
import io.tahweel.engine.currency.Currencies;
import io.tahweel.engine.ledger.Ledger;
import io.tahweel.engine.participant.Participants;
import io.tahweel.engine.routing.BinRouteTable;
import io.tahweel.engine.settlement.FeeSchedules;
import io.tahweel.engine.settlement.Settlement;
import io.tahweel.engine.settlement.SettlementWindows;
import io.tahweel.engine.time.CivilTime;
import io.tahweel.sbe.AccountKind;
import io.tahweel.sbe.AddBinRouteDecoder;
import io.tahweel.sbe.AddParticipantDecoder;
import io.tahweel.sbe.AdminResult;
import io.tahweel.sbe.CardStatus;
import io.tahweel.sbe.CloseSettlementWindowDecoder;
import io.tahweel.sbe.ConfigureSettlementDecoder;
import io.tahweel.sbe.ConfigureStandInDecoder;
import io.tahweel.sbe.EnableCurrencyDecoder;
import io.tahweel.sbe.IssueCardDecoder;
import io.tahweel.sbe.IssuingMode;
import io.tahweel.sbe.OpenAccountDecoder;
import io.tahweel.sbe.OpenSettlementWindowDecoder;
import io.tahweel.sbe.ParticipantStatus;
import io.tahweel.sbe.SetCardLimitsDecoder;
import io.tahweel.sbe.SetCardStatusDecoder;
import io.tahweel.sbe.SetParticipantStatusDecoder;
import io.tahweel.sbe.SetSettlementScheduleDecoder;

/**
 * Validates and applies configuration commands. Every check runs before any change, so a
 * rejected command changes nothing; the result code names the first failed check.
 */
public final class AdminCommands
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Currencies currencies;
    private final Participants participants;
    private final BinRouteTable routes;
    private final Cards cards;
    private final Ledger ledger;
    private final SettlementWindows windows;
    private final Settlement settlement;

    public AdminCommands(final Currencies currencies, final Participants participants, final BinRouteTable routes,
        final Cards cards, final Ledger ledger, final Settlement settlement)
    {
        this.settlement = settlement;
        final SettlementWindows windows = settlement.windows();
        this.currencies = currencies;
        this.participants = participants;
        this.routes = routes;
        this.cards = cards;
        this.ledger = ledger;
        this.windows = windows;
    }

    public AdminResult enableCurrency(final EnableCurrencyDecoder command)
    {
        final int code = command.currency();
        final int minorUnits = command.minorUnits();
        if (!Currencies.isValidCode(code) || minorUnits > Currencies.MAX_MINOR_UNITS)
        {
            return AdminResult.INVALID_CURRENCY;
        }
        if (currencies.isEnabled(code))
        {
            return AdminResult.DUPLICATE_ID;
        }
        currencies.enable(code, minorUnits);
        return AdminResult.OK;
    }

    public AdminResult addParticipant(final AddParticipantDecoder command)
    {
        final int id = (int)command.participantId();
        final int roles = command.roles().getRaw();
        final IssuingMode mode = command.issuingMode();
        final ParticipantStatus status = command.status();
        final long holdTimeoutSeconds = command.holdTimeoutSeconds();
        final String name = command.name();
        if (id == 0)
        {
            return AdminResult.INVALID_ID;
        }
        if (participants.exists(id))
        {
            return AdminResult.DUPLICATE_ID;
        }
        if ((roles & (Participants.ROLE_ISSUER | Participants.ROLE_ACQUIRER)) == 0 || (roles & ~3) != 0 ||
            mode == IssuingMode.NULL_VAL || status == ParticipantStatus.NULL_VAL)
        {
            return AdminResult.INVALID_ROLES;
        }
        if (!isPrintableName(name))
        {
            return AdminResult.INVALID_NAME;
        }
        if (participants.isFull())
        {
            return AdminResult.CAPACITY_EXCEEDED;
        }
        participants.add(id, roles, mode, status, holdTimeoutSeconds * NANOS_PER_SECOND, name);
        return AdminResult.OK;
    }

    public AdminResult setParticipantStatus(final SetParticipantStatusDecoder command)
    {
        final int id = (int)command.participantId();
        if (!participants.exists(id))
        {
            return AdminResult.UNKNOWN_PARTICIPANT;
        }
        if (command.status() == ParticipantStatus.NULL_VAL)
        {
            return AdminResult.INVALID_FLAGS;
        }
        participants.status(id, command.status());
        return AdminResult.OK;
    }

    public AdminResult openAccount(final OpenAccountDecoder command)
    {
        final long accountId = command.accountId();
        final int owner = (int)command.participantId();
        final int currency = command.currency();
        final AccountKind kind = command.kind();
        if (accountId == 0)
        {
            return AdminResult.INVALID_ID;
        }
        if (!Currencies.isValidCode(currency))
        {
            return AdminResult.INVALID_CURRENCY;
        }
        if (!currencies.isEnabled(currency))
        {
            return AdminResult.UNKNOWN_CURRENCY;
        }
        if (!participants.exists(owner))
        {
            return AdminResult.UNKNOWN_PARTICIPANT;
        }
        if (kind == AccountKind.NULL_VAL)
        {
            return AdminResult.INVALID_FLAGS;
        }
        if (kind == AccountKind.SETTLEMENT && !command.flags().isEmpty())
        {
            // Cut-off postings must never be refused by a balance constraint halfway through a settlement run.
            return AdminResult.INVALID_FLAGS;
        }
        final AdminResult result = ledger.createAccount(
            accountId, currency, command.flags().getRaw(), command.creditLimit(), owner, kind.value());
        if (result == AdminResult.OK && kind == AccountKind.SETTLEMENT)
        {
            participants.registerSettlementAccount(owner, currency, accountId);
        }
        return result;
    }

    public AdminResult addBinRoute(final AddBinRouteDecoder command)
    {
        final int issuer = (int)command.issuerId();
        final int digitCount = command.digitCount();
        final String prefix = command.prefix();
        if (!participants.exists(issuer))
        {
            return AdminResult.UNKNOWN_PARTICIPANT;
        }
        if (!participants.hasRole(issuer, Participants.ROLE_ISSUER))
        {
            return AdminResult.PARTICIPANT_NOT_ISSUER;
        }
        if (!BinRouteTable.isWellFormed(prefix, digitCount))
        {
            return AdminResult.MALFORMED_BIN_PREFIX;
        }
        if (routes.contains(digitCount, command.prefixHash()))
        {
            return AdminResult.OVERLAPPING_BIN_ROUTE;
        }
        if (routes.isFull())
        {
            return AdminResult.CAPACITY_EXCEEDED;
        }
        routes.add(digitCount, command.prefixHash(), prefix, issuer);
        return AdminResult.OK;
    }

    public AdminResult issueCard(final IssueCardDecoder command)
    {
        final long token = command.cardToken();
        final long accountId = command.accountId();
        final int issuer = (int)command.issuerId();
        final int bin = (int)command.bin();
        final int last4 = command.last4();
        final int panLength = command.panLength();
        final int expiry = command.expiry();
        final CardStatus status = command.status();
        final long perTransaction = command.perTransactionLimit();
        final int dailyCount = command.dailyCountLimit();
        final long dailyAmount = command.dailyAmountLimit();
        if (token == 0)
        {
            return AdminResult.INVALID_ID;
        }
        if (cards.find(token) != Cards.NOT_FOUND)
        {
            return AdminResult.DUPLICATE_ID;
        }
        if (!participants.exists(issuer))
        {
            return AdminResult.UNKNOWN_PARTICIPANT;
        }
        if (!participants.hasRole(issuer, Participants.ROLE_ISSUER))
        {
            return AdminResult.PARTICIPANT_NOT_ISSUER;
        }
        if (!participants.isHosted(issuer))
        {
            return AdminResult.ISSUER_NOT_HOSTED;
        }
        if (!ledger.accountExists(accountId))
        {
            return AdminResult.UNKNOWN_ACCOUNT;
        }
        if (ledger.accountOwner(accountId) != issuer)
        {
            return AdminResult.ACCOUNT_NOT_OWNED_BY_ISSUER;
        }
        if (!Cards.isValidCardData(bin, last4, panLength) || !CivilTime.isValidYymm(expiry) ||
            status == CardStatus.NULL_VAL)
        {
            return AdminResult.INVALID_CARD_DATA;
        }
        if (!validLimits(perTransaction, dailyCount, dailyAmount))
        {
            return AdminResult.INVALID_AMOUNT;
        }
        if (cards.isFull())
        {
            return AdminResult.CAPACITY_EXCEEDED;
        }
        cards.issue(token, accountId, issuer, bin, last4, panLength, expiry, status, perTransaction, dailyCount,
            dailyAmount);
        return AdminResult.OK;
    }

    public AdminResult setCardStatus(final SetCardStatusDecoder command)
    {
        final int index = cards.find(command.cardToken());
        if (index == Cards.NOT_FOUND)
        {
            return AdminResult.UNKNOWN_CARD;
        }
        if (command.status() == CardStatus.NULL_VAL)
        {
            return AdminResult.INVALID_CARD_DATA;
        }
        cards.status(index, command.status());
        return AdminResult.OK;
    }

    public AdminResult setCardLimits(final SetCardLimitsDecoder command)
    {
        final int index = cards.find(command.cardToken());
        if (index == Cards.NOT_FOUND)
        {
            return AdminResult.UNKNOWN_CARD;
        }
        if (!validLimits(command.perTransactionLimit(), command.dailyCountLimit(), command.dailyAmountLimit()))
        {
            return AdminResult.INVALID_AMOUNT;
        }
        cards.limits(index, command.perTransactionLimit(), command.dailyCountLimit(), command.dailyAmountLimit());
        return AdminResult.OK;
    }

    public AdminResult openSettlementWindow(final OpenSettlementWindowDecoder command, final long sequence)
    {
        final long windowId = command.windowId();
        if (windowId <= 0)
        {
            return AdminResult.INVALID_ID;
        }
        if (windows.openWindowId() != 0)
        {
            return AdminResult.WINDOW_ALREADY_OPEN;
        }
        if (windowId <= windows.lastWindowId())
        {
            return AdminResult.WINDOW_ID_NOT_INCREASING;
        }
        windows.open(windowId, sequence);
        return AdminResult.OK;
    }

    /** Cut-off: settles the open window's positions and opens the next one. */
    public AdminResult closeSettlementWindow(final CloseSettlementWindowDecoder command, final long sequence)
    {
        return settlement.close(command.windowId(), sequence, command.actingVersion());
    }

    public AdminResult configureSettlement(final ConfigureSettlementDecoder command)
    {
        final int currency = command.currency();
        final long central = command.centralAccountId();
        final long feeAccount = command.feeAccountId();
        final int basisPoints = command.interchangeBasisPoints();
        final long fixed = command.interchangeFixed();
        final long acquirerFee = command.acquirerSwitchFee();
        final long issuerFee = command.issuerSwitchFee();
        if (!Currencies.isValidCode(currency))
        {
            return AdminResult.INVALID_CURRENCY;
        }
        if (!currencies.isEnabled(currency))
        {
            return AdminResult.UNKNOWN_CURRENCY;
        }
        if (!ledger.accountExists(central) || !ledger.accountExists(feeAccount))
        {
            return AdminResult.UNKNOWN_ACCOUNT;
        }
        if (ledger.accountCurrency(central) != currency || ledger.accountCurrency(feeAccount) != currency)
        {
            return AdminResult.ACCOUNT_CURRENCY_MISMATCH;
        }
        if (central == feeAccount || ledger.accountFlags(central) != 0 || ledger.accountFlags(feeAccount) != 0)
        {
            return AdminResult.INVALID_FLAGS;
        }
        if (!FeeSchedules.isValid(basisPoints, fixed, acquirerFee, issuerFee))
        {
            return AdminResult.INVALID_FEE;
        }
        settlement.fees().configure(currency, central, feeAccount, basisPoints, fixed, acquirerFee, issuerFee);
        return AdminResult.OK;
    }

    public AdminResult setSettlementSchedule(final SetSettlementScheduleDecoder command)
    {
        final long cutoff = command.cutoffSecondOfDay();
        if (command.enabled() > 1 || cutoff < 0 || cutoff >= 86_400)
        {
            return AdminResult.INVALID_SCHEDULE;
        }
        settlement.schedule(command.enabled() == 1, cutoff);
        return AdminResult.OK;
    }

    public AdminResult configureStandIn(final ConfigureStandInDecoder command, final StandInRules rules)
    {
        final int issuer = (int)command.issuerId();
        final long timeout = command.responseTimeoutMillis();
        if (!participants.exists(issuer))
        {
            return AdminResult.UNKNOWN_PARTICIPANT;
        }
        if (!participants.hasRole(issuer, Participants.ROLE_ISSUER))
        {
            return AdminResult.PARTICIPANT_NOT_ISSUER;
        }
        if (participants.isHosted(issuer))
        {
            return AdminResult.ISSUER_NOT_REMOTE;
        }
        if (!StandInRules.isValidTimeout(timeout))
        {
            return AdminResult.INVALID_TIMEOUT;
        }
        if (command.enabled() > 1 || command.maxAmount() < 0 || command.dailyLimitPerCard() < 0)
        {
            return AdminResult.INVALID_AMOUNT;
        }
        if (!rules.hasRoomForIssuer(issuer))
        {
            return AdminResult.CAPACITY_EXCEEDED;
        }
        rules.configure(issuer, timeout, command.enabled() == 1, command.maxAmount(), command.dailyLimitPerCard(),
            command.transactionTypes());
        return AdminResult.OK;
    }

    private static boolean validLimits(final long perTransaction, final int dailyCount, final long dailyAmount)
    {
        return perTransaction > 0 && dailyCount > 0 && dailyAmount > 0;
    }

    private static boolean isPrintableName(final String name)
    {
        if (name.isEmpty() || name.length() > Participants.MAX_NAME_LENGTH)
        {
            return false;
        }
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (c < 0x20 || c > 0x7E)
            {
                return false;
            }
        }
        return true;
    }
}

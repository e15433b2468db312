package io.tahweel.gateways.admin;

import io.tahweel.gateways.card.Luhn;
import io.tahweel.gateways.card.PanMasker;
import io.tahweel.gateways.card.PanTokenizer;
import io.tahweel.sbe.AccountKind;
import io.tahweel.sbe.AddBinRouteEncoder;
import io.tahweel.sbe.AddParticipantEncoder;
import io.tahweel.sbe.CardStatus;
import io.tahweel.sbe.ConfigureSettlementEncoder;
import io.tahweel.sbe.CreateTransferEncoder;
import io.tahweel.sbe.SetSettlementScheduleEncoder;
import io.tahweel.sbe.EnableCurrencyEncoder;
import io.tahweel.sbe.EntryHeaderEncoder;
import io.tahweel.sbe.IssueCardEncoder;
import io.tahweel.sbe.IssuingMode;
import io.tahweel.sbe.MessageHeaderEncoder;
import io.tahweel.sbe.OpenAccountEncoder;
import io.tahweel.sbe.OpenSettlementWindowEncoder;
import io.tahweel.sbe.ParticipantStatus;
import io.tahweel.sbe.Source;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a declarative bootstrap file (see docs/configuration.md) into the admin commands that
 * build the genesis state: currencies, participants, accounts, BIN routes, cards and the first
 * settlement window. One record per line; each record becomes one SBE command stamped with
 * {@code source = BOOTSTRAP} and {@code correlationId = line number}.
 * <p>
 * The parser checks what it can check alone (syntax, numbers, ranges of the wire types, enum
 * words, PAN length and Luhn digit, prefix length, expiry) and rejects the whole file on any
 * problem. What needs state (unknown participant, duplicate id, overlapping route, currency not
 * enabled) is the core's decision, answered by {@code AdminOutcome}.
 * <p>
 * Card numbers are tokenized here and leave the parser only as token, BIN, last 4 and length;
 * descriptions and error messages mask them. Not thread-safe: one parser per thread.
 */
public final class BootstrapParser
{
    /** Most records a bootstrap file may hold. */
    public static final int MAX_RECORDS = 1_000_000;
    /** Most problems listed in one {@link BootstrapException}; reading stops there. */
    public static final int MAX_REPORTED_PROBLEMS = 20;
    /** Longest name or operator id: the {@code varAsciiEncoding} limit. */
    public static final int MAX_TEXT_LENGTH = 254;
    /** Longest encoded command: fixed blocks under 128 bytes plus two var-data fields. */
    static final int MAX_COMMAND_LENGTH = 1024;
    /** Hold timeout of an issuer when the record does not give one. */
    static final long DEFAULT_HOLD_TIMEOUT_SECONDS = 7 * 86_400L;

    static final String[] RECORD_TYPES = { "currency", "participant", "account", "route", "card", "window", "transfer", "settlement", "schedule" };
    private static final String[] CURRENCY_KEYS = { "code", "minor-units" };
    private static final String[] PARTICIPANT_KEYS = { "id", "name", "roles", "issuing", "hold-timeout", "status" };
    private static final String[] ACCOUNT_KEYS =
        { "id", "participant", "currency", "kind", "constraint", "credit-limit" };
    private static final String[] ROUTE_KEYS = { "prefix", "issuer" };
    private static final String[] CARD_KEYS =
        { "pan", "account", "issuer", "expiry", "status", "per-transaction", "daily-count", "daily-amount" };
    private static final String[] WINDOW_KEYS = { "id" };
    private static final String[] TRANSFER_KEYS = { "id", "debit", "credit", "amount", "currency" };
    private static final String[] SETTLEMENT_KEYS =
        { "currency", "central-account", "fee-account", "interchange-bps", "interchange-fixed", "acquirer-fee", "issuer-fee" };
    private static final String[] SCHEDULE_KEYS = { "cutoff" };
    /** Transfer ids at or above 2^62 are reserved for those the core derives from journal sequences. */
    private static final long TRANSFER_ID_MAX = (1L << 62) - 1;

    private static final int UINT8_MAX = 0xFF;
    private static final int UINT16_MAX = 0xFFFF;
    private static final int MIN_PAN_LENGTH = 12;
    private static final int MAX_PAN_LENGTH = 19;

    private final PanTokenizer tokenizer;
    private final String operatorId;
    private final int maxRecords;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MAX_COMMAND_LENGTH]);
    private final MessageHeaderEncoder messageHeader = new MessageHeaderEncoder();
    private final EnableCurrencyEncoder enableCurrency = new EnableCurrencyEncoder();
    private final AddParticipantEncoder addParticipant = new AddParticipantEncoder();
    private final OpenAccountEncoder openAccount = new OpenAccountEncoder();
    private final AddBinRouteEncoder addBinRoute = new AddBinRouteEncoder();
    private final IssueCardEncoder issueCard = new IssueCardEncoder();
    private final OpenSettlementWindowEncoder openWindow = new OpenSettlementWindowEncoder();
    private final CreateTransferEncoder createTransfer = new CreateTransferEncoder();
    private final ConfigureSettlementEncoder configureSettlement = new ConfigureSettlementEncoder();
    private final SetSettlementScheduleEncoder settlementSchedule = new SetSettlementScheduleEncoder();

    /**
     * @param tokenizer  the node's tokenizer: route prefix hashes and card tokens must come from
     *                   the same key the gateways use.
     * @param operatorId recorded in every command for audit, e.g. {@code bootstrap:genesis.conf};
     *                   1..254 printable ASCII characters.
     */
    public BootstrapParser(final PanTokenizer tokenizer, final String operatorId)
    {
        this(tokenizer, operatorId, MAX_RECORDS);
    }

    BootstrapParser(final PanTokenizer tokenizer, final String operatorId, final int maxRecords)
    {
        if (tokenizer == null)
        {
            throw new NullPointerException("tokenizer");
        }
        if (operatorId == null || operatorId.isEmpty() || operatorId.length() > MAX_TEXT_LENGTH ||
            !operatorId.chars().allMatch(c -> c >= 0x20 && c <= 0x7E))
        {
            throw new IllegalArgumentException("operatorId must be 1.." + MAX_TEXT_LENGTH + " printable ASCII characters");
        }
        this.tokenizer = tokenizer;
        this.operatorId = operatorId;
        this.maxRecords = maxRecords;
    }

    /**
     * Parses a file (UTF-8; anything but printable ASCII only in comments).
     *
     * @throws BootstrapException naming {@code file name:line} of each problem; no command of the
     *                            file may then be applied.
     * @throws IOException        if the file cannot be read.
     */
    public List<EncodedCommand> parse(final Path file) throws IOException, BootstrapException
    {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            return parse(String.valueOf(file.getFileName()), reader);
        }
    }

    /**
     * Parses bootstrap text; {@code name} is used in messages only.
     *
     * @return every command in file order, or nothing at all: a file with any problem throws.
     */
    public List<EncodedCommand> parse(final String name, final Reader reader) throws IOException, BootstrapException
    {
        final BufferedReader in = reader instanceof BufferedReader ? (BufferedReader)reader : new BufferedReader(reader);
        final List<EncodedCommand> commands = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        int firstProblemLine = 0;
        int lineNumber = 0;
        final StringBuilder text = new StringBuilder(BootstrapLine.MAX_LINE_LENGTH);
        while (problems.size() < MAX_REPORTED_PROBLEMS)
        {
            lineNumber++;
            final int read;
            try
            {
                read = readLine(in, text);
            }
            catch (final CharacterCodingException ex)
            {
                problems.add(name + ':' + lineNumber + ": not valid UTF-8 text");
                firstProblemLine = firstProblemLine == 0 ? lineNumber : firstProblemLine;
                break;
            }
            if (read < 0)
            {
                break;
            }
            try
            {
                if (read > BootstrapLine.MAX_LINE_LENGTH)
                {
                    throw new BootstrapLine.Problem("line longer than " + BootstrapLine.MAX_LINE_LENGTH + " characters");
                }
                final BootstrapLine line = BootstrapLine.parse(text.toString());
                if (line != null)
                {
                    if (commands.size() == maxRecords)
                    {
                        throw new BootstrapLine.Problem("more than " + maxRecords + " records");
                    }
                    commands.add(encode(line, lineNumber));
                }
            }
            catch (final BootstrapLine.Problem problem)
            {
                problems.add(name + ':' + lineNumber + ": " + PanMasker.maskDigitRuns(problem.getMessage()));
                firstProblemLine = firstProblemLine == 0 ? lineNumber : firstProblemLine;
            }
        }
        if (!problems.isEmpty())
        {
            throw new BootstrapException(problems, firstProblemLine, problems.size() == MAX_REPORTED_PROBLEMS);
        }
        return List.copyOf(commands);
    }

    /**
     * Reads one line into {@code text}, keeping at most one character beyond the limit.
     *
     * @return characters on the line (may exceed what was kept), or -1 at the end of input.
     */
    private static int readLine(final BufferedReader in, final StringBuilder text) throws IOException
    {
        text.setLength(0);
        int count = 0;
        int c = in.read();
        if (c < 0)
        {
            return -1;
        }
        while (c >= 0 && c != '\n')
        {
            if (c == '\r')
            {
                in.mark(1);
                if (in.read() != '\n')
                {
                    in.reset();
                }
                break;
            }
            if (count <= BootstrapLine.MAX_LINE_LENGTH)
            {
                text.append((char)c);
            }
            count++;
            c = in.read();
        }
        return count;
    }

    private EncodedCommand encode(final BootstrapLine line, final int lineNumber) throws BootstrapLine.Problem
    {
        switch (line.record())
        {
            case "currency": return currency(line, lineNumber);
            case "participant": return participant(line, lineNumber);
            case "account": return account(line, lineNumber);
            case "route": return route(line, lineNumber);
            case "card": return card(line, lineNumber);
            case "window": return window(line, lineNumber);
            case "transfer": return transfer(line, lineNumber);
            case "settlement": return settlement(line, lineNumber);
            case "schedule": return schedule(line, lineNumber);
            default:
                throw new BootstrapLine.Problem("unknown record type '" + BootstrapLine.echo(line.record()) +
                    "' (expected one of: " + String.join(", ", RECORD_TYPES) + ")");
        }
    }

    private EncodedCommand currency(final BootstrapLine line, final int lineNumber) throws BootstrapLine.Problem
    {
        line.allowOnly(CURRENCY_KEYS);
        final int code = (int)line.number("code", 0, UINT16_MAX);
        final short minorUnits = (short)line.number("minor-units", 0, UINT8_MAX);

        enableCurrency.wrapAndApplyHeader(buffer, 0, messageHeader);
        header(enableCurrency.header(), lineNumber);
        enableCurrency.currency(code).minorUnits(minorUnits).operatorId(operatorId);
        return command(enableCurrency.encodedLength(), EnableCurrencyEncoder.TEMPLATE_ID, lineNumber,
            "currency code=" + code);
    }

    private EncodedCommand participant(final BootstrapLine line, final int lineNumber) throws BootstrapLine.Problem
    {
        line.allowOnly(PARTICIPANT_KEYS);
        final long id = line.number("id", 0, BootstrapLine.UINT32_MAX);
        final String name = line.required("name");
        if (name.length() > MAX_TEXT_LENGTH)
        {
            throw new BootstrapLine.Problem("name: longer than " + MAX_TEXT_LENGTH + " characters");
        }
        final String roles = line.required("roles");
        final IssuingMode issuing =
            "remote".equals(line.word("issuing", "hosted", "hosted", "remote")) ? IssuingMode.REMOTE : IssuingMode.HOSTED;
        final long holdTimeout = line.durationSeconds("hold-timeout", DEFAULT_HOLD_TIMEOUT_SECONDS, BootstrapLine.UINT32_MAX);
        final ParticipantStatus status = "suspended".equals(line.word("status", "active", "active", "suspended")) ?
            ParticipantStatus.SUSPENDED : ParticipantStatus.ACTIVE;

        addParticipant.wrapAndApplyHeader(buffer, 0, messageHeader);
        header(addParticipant.header(), lineNumber);
        addParticipant.participantId(id);
        roles(roles);
        addParticipant.issuingMode(issuing).status(status).holdTimeoutSeconds(holdTimeout);
        addParticipant.name(name).operatorId(operatorId);
        return command(addParticipant.encodedLength(), AddParticipantEncoder.TEMPLATE_ID, lineNumber,
            "participant id=" + id + " name=" + BootstrapLine.echo(name));
    }

    private void roles(final String roles) throws BootstrapLine.Problem
    {
        addParticipant.roles().clear();
        boolean issuer = false;
        boolean acquirer = false;
        for (final String role : roles.split(",", -1))
        {
            final boolean isIssuer = "issuer".equals(role);
            if (!isIssuer && !"acquirer".equals(role))
            {
                throw new BootstrapLine.Problem("roles: unknown role '" + BootstrapLine.echo(role) +
                    "' (expected a comma-separated list of: issuer, acquirer)");
            }
            if (isIssuer ? issuer : acquirer)
            {
                throw new BootstrapLine.Problem("roles: duplicate role '" + role + "'");
            }
            issuer |= isIssuer;
            acquirer |= !isIssuer;
        }
        addParticipant.roles().issuer(issuer).acquirer(acquirer);
    }

    private EncodedCommand account(final BootstrapLine line, final int lineNumber) throws BootstrapLine.Problem
    {
        line.allowOnly(ACCOUNT_KEYS);
        final long id = line.number("id", 0, Long.MAX_VALUE);
        final long participant = line.number("participant", 0, BootstrapLine.UINT32_MAX);
        final int currency = (int)line.number("currency", 0, UINT16_MAX);
        final AccountKind kind = accountKind(line.word("kind", null, "customer", "settlement", "fee", "operator"));
        final String constraint =
            line.word("constraint", "none", "none", "debits-within-credits", "credits-within-debits");
        final long creditLimit = line.amount("credit-limit", 0);

        openAccount.wrapAndApplyHeader(buffer, 0, messageHeader);
        header(openAccount.header(), lineNumber);
        openAccount.accountId(id).participantId(participant).currency(currency);
        openAccount.flags().clear()
            .debitsMustNotExceedCredits("debits-within-credits".equals(constraint))
            .creditsMustNotExceedDebits("credits-within-debits".equals(constraint));
        openAccount.kind(kind).creditLimit(creditLimit).operatorId(operatorId);
        return command(openAccount.encodedLength(), OpenAccountEncoder.TEMPLATE_ID, lineNumber, "account id=" + id);
    }

    private static AccountKind accountKind(final String word)
    {
        switch (word)
        {
            case "settlement": return AccountKind.SETTLEMENT;
            case "fee": return AccountKind.FEE;
            case "operator": return AccountKind.OPERATOR;
            default: return AccountKind.CUSTOMER;
        }
    }

    private EncodedCommand route(final BootstrapLine line, final int lineNumber) throws BootstrapLine.Problem
    {
        line.allowOnly(ROUTE_KEYS);
        final String prefix = line.required("prefix");
        if (prefix.length() < PanTokenizer.MIN_PREFIX_DIGITS || prefix.length() > PanTokenizer.MAX_PREFIX_DIGITS ||
            !BootstrapLine.allDigits(prefix, 0, prefix.length()))
        {
            throw new BootstrapLine.Problem("prefix: '" + BootstrapLine.echo(prefix) + "' is not " +
                PanTokenizer.MIN_PREFIX_DIGITS + ".." + PanTokenizer.MAX_PREFIX_DIGITS + " digits");
        }
        final long issuer = line.number("issuer", 0, BootstrapLine.UINT32_MAX);

        addBinRoute.wrapAndApplyHeader(buffer, 0, messageHeader);
        header(addBinRoute.header(), lineNumber);
        addBinRoute.issuerId(issuer).digitCount((short)prefix.length()).prefix(prefix)
            .prefixHash(tokenizer.prefixHash(prefix)).operatorId(operatorId);
        return command(addBinRoute.encodedLength(), AddBinRouteEncoder.TEMPLATE_ID, lineNumber,
            "route prefix=" + prefix + " issuer=" + issuer);
    }

    private EncodedCommand card(final BootstrapLine line, final int lineNumber) throws BootstrapLine.Problem
    {
        line.allowOnly(CARD_KEYS);
        final String pan = line.required("pan");
        checkPan(pan);
        final String masked = PanMasker.mask(pan);
        final long account = line.number("account", 0, Long.MAX_VALUE);
        final long issuer = line.number("issuer", 0, BootstrapLine.UINT32_MAX);
        final int expiry = expiry(line.required("expiry"));
        final CardStatus status = cardStatus(line.word("status", "active", "active", "blocked", "lost", "stolen", "closed"));
        final long perTransaction = line.amount("per-transaction");
        final long dailyCount = line.number("daily-count", 0, UINT16_MAX);
        final long dailyAmount = line.amount("daily-amount");

        issueCard.wrapAndApplyHeader(buffer, 0, messageHeader);
        header(issueCard.header(), lineNumber);
        issueCard.cardToken(tokenizer.token(pan)).accountId(account).issuerId(issuer)
            .bin(Integer.parseInt(pan.substring(0, PanMasker.SHOWN_FIRST)))
            .last4(Integer.parseInt(pan.substring(pan.length() - PanMasker.SHOWN_LAST)))
            .panLength((short)pan.length()).expiry(expiry).status(status)
            .perTransactionLimit(perTransaction).dailyCountLimit((int)dailyCount).dailyAmountLimit(dailyAmount)
            .operatorId(operatorId);
        return command(issueCard.encodedLength(), IssueCardEncoder.TEMPLATE_ID, lineNumber,
            "card pan=" + masked + " account=" + account);
    }

    private static void checkPan(final String pan) throws BootstrapLine.Problem
    {
        if (!BootstrapLine.allDigits(pan, 0, pan.length()))
        {
            throw new BootstrapLine.Problem("pan: not all digits");
        }
        if (pan.length() < MIN_PAN_LENGTH || pan.length() > MAX_PAN_LENGTH)
        {
            throw new BootstrapLine.Problem("pan: " + pan.length() + " digits, expected " +
                MIN_PAN_LENGTH + ".." + MAX_PAN_LENGTH);
        }
        if (!Luhn.isValid(pan))
        {
            throw new BootstrapLine.Problem("pan " + PanMasker.mask(pan) + ": wrong Luhn check digit");
        }
    }

    private static int expiry(final String value) throws BootstrapLine.Problem
    {
        final int month = value.length() == 4 && BootstrapLine.allDigits(value, 0, 4) ?
            Integer.parseInt(value.substring(2)) : 0;
        if (month < 1 || month > 12)
        {
            throw new BootstrapLine.Problem("expiry: '" + BootstrapLine.echo(value) + "' is not YYMM");
        }
        return Integer.parseInt(value);
    }

    private static CardStatus cardStatus(final String word)
    {
        switch (word)
        {
            case "blocked": return CardStatus.BLOCKED;
            case "lost": return CardStatus.LOST;
            case "stolen": return CardStatus.STOLEN;
            case "closed": return CardStatus.CLOSED;
            default: return CardStatus.ACTIVE;
        }
    }

    private EncodedCommand window(final BootstrapLine line, final int lineNumber) throws BootstrapLine.Problem
    {
        line.allowOnly(WINDOW_KEYS);
        final long id = line.number("id", 0, Long.MAX_VALUE);

        openWindow.wrapAndApplyHeader(buffer, 0, messageHeader);
        header(openWindow.header(), lineNumber);
        openWindow.windowId(id).operatorId(operatorId);
        return command(openWindow.encodedLength(), OpenSettlementWindowEncoder.TEMPLATE_ID, lineNumber,
            "window id=" + id);
    }

    /** An immediate ledger transfer, e.g. opening balances funded from an operator account. */
    private EncodedCommand transfer(final BootstrapLine line, final int lineNumber) throws BootstrapLine.Problem
    {
        line.allowOnly(TRANSFER_KEYS);
        final long id = line.number("id", 1, TRANSFER_ID_MAX);
        final long debit = line.number("debit", 0, Long.MAX_VALUE);
        final long credit = line.number("credit", 0, Long.MAX_VALUE);
        final long amount = line.amount("amount");
        final int currency = (int)line.number("currency", 0, UINT16_MAX);

        createTransfer.wrapAndApplyHeader(buffer, 0, messageHeader);
        header(createTransfer.header(), lineNumber);
        createTransfer.transferId(id).debitAccountId(debit).creditAccountId(credit).amount(amount).pendingId(0)
            .timeoutSeconds(0).currency(currency).code(0);
        createTransfer.flags().clear();
        return command(createTransfer.encodedLength(), CreateTransferEncoder.TEMPLATE_ID, lineNumber,
            "transfer id=" + id + " debit=" + debit + " credit=" + credit + " amount=" + amount);
    }

    /** Fees and settlement accounts of one currency (ConfigureSettlement). */
    private EncodedCommand settlement(final BootstrapLine line, final int lineNumber) throws BootstrapLine.Problem
    {
        line.allowOnly(SETTLEMENT_KEYS);
        final int currency = (int)line.number("currency", 0, UINT16_MAX);
        final long central = line.number("central-account", 0, Long.MAX_VALUE);
        final long feeAccount = line.number("fee-account", 0, Long.MAX_VALUE);
        final int basisPoints = line.has("interchange-bps") ? (int)line.number("interchange-bps", 0, 10_000) : 0;
        final long fixed = line.amount("interchange-fixed", 0);
        final long acquirerFee = line.amount("acquirer-fee", 0);
        final long issuerFee = line.amount("issuer-fee", 0);

        configureSettlement.wrapAndApplyHeader(buffer, 0, messageHeader);
        header(configureSettlement.header(), lineNumber);
        configureSettlement.currency(currency).centralAccountId(central).feeAccountId(feeAccount)
            .interchangeBasisPoints(basisPoints).interchangeFixed(fixed).acquirerSwitchFee(acquirerFee)
            .issuerSwitchFee(issuerFee).operatorId(operatorId);
        return command(configureSettlement.encodedLength(), ConfigureSettlementEncoder.TEMPLATE_ID, lineNumber,
            "settlement currency=" + currency);
    }

    /** Daily automatic cut-off at a UTC time of day, {@code cutoff=HH:MM} or {@code HH:MM:SS}, or {@code off}. */
    private EncodedCommand schedule(final BootstrapLine line, final int lineNumber) throws BootstrapLine.Problem
    {
        line.allowOnly(SCHEDULE_KEYS);
        final String cutoff = line.required("cutoff");
        final boolean enabled = !"off".equals(cutoff);
        final long seconds = enabled ? timeOfDay(cutoff) : 0;

        settlementSchedule.wrapAndApplyHeader(buffer, 0, messageHeader);
        header(settlementSchedule.header(), lineNumber);
        settlementSchedule.enabled((short)(enabled ? 1 : 0)).cutoffSecondOfDay(seconds).operatorId(operatorId);
        return command(settlementSchedule.encodedLength(), SetSettlementScheduleEncoder.TEMPLATE_ID, lineNumber,
            "schedule cutoff=" + cutoff);
    }

    private static long timeOfDay(final String value) throws BootstrapLine.Problem
    {
        final String[] parts = value.split(":", -1);
        if ((parts.length != 2 && parts.length != 3) || !allTwoDigits(parts))
        {
            throw new BootstrapLine.Problem("cutoff: '" + BootstrapLine.echo(value) + "' is not HH:MM or HH:MM:SS (UTC)");
        }
        final int hours = Integer.parseInt(parts[0]);
        final int minutes = Integer.parseInt(parts[1]);
        final int seconds = parts.length == 3 ? Integer.parseInt(parts[2]) : 0;
        if (hours > 23 || minutes > 59 || seconds > 59)
        {
            throw new BootstrapLine.Problem("cutoff: '" + BootstrapLine.echo(value) + "' is not a time of day");
        }
        return hours * 3600L + minutes * 60L + seconds;
    }

    private static boolean allTwoDigits(final String[] parts)
    {
        for (final String part : parts)
        {
            if (part.length() != 2 || !BootstrapLine.allDigits(part, 0, 2))
            {
                return false;
            }
        }
        return true;
    }

    /** Producers leave sequence, timestamp and epoch 0: the journaler stamps them. */
    private static void header(final EntryHeaderEncoder header, final int lineNumber)
    {
        header.sequence(0).timestamp(0).correlationId(lineNumber).connectionId(0).epoch(0)
            .source(Source.BOOTSTRAP).reserved(0);
    }

    private EncodedCommand command(final int bodyLength, final int templateId, final int lineNumber, final String description)
    {
        final byte[] bytes = new byte[MessageHeaderEncoder.ENCODED_LENGTH + bodyLength];
        buffer.getBytes(0, bytes);
        return new EncodedCommand(bytes, templateId, lineNumber, PanMasker.maskDigitRuns(description));
    }
}

package io.tahweel.gateways.admin;

import io.tahweel.gateways.card.PanTokenizer;
import io.tahweel.sbe.AccountKind;
import io.tahweel.sbe.AddBinRouteDecoder;
import io.tahweel.sbe.AddParticipantDecoder;
import io.tahweel.sbe.CardStatus;
import io.tahweel.sbe.EnableCurrencyDecoder;
import io.tahweel.sbe.EntryHeaderDecoder;
import io.tahweel.sbe.IssueCardDecoder;
import io.tahweel.sbe.IssuingMode;
import io.tahweel.sbe.MessageHeaderDecoder;
import io.tahweel.sbe.OpenAccountDecoder;
import io.tahweel.sbe.ConfigureSettlementDecoder;
import io.tahweel.sbe.CreateTransferDecoder;
import io.tahweel.sbe.SetSettlementScheduleDecoder;
import io.tahweel.sbe.OpenSettlementWindowDecoder;
import io.tahweel.sbe.ParticipantStatus;
import io.tahweel.sbe.Source;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootstrapParserTest
{
    private static final String PAN = "4000001234567899";
    private static final String OPERATOR = "bootstrap:test.conf";

    private final PanTokenizer tokenizer = new PanTokenizer(new byte[]{ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 });
    private final BootstrapParser parser = new BootstrapParser(tokenizer, OPERATOR);
    private final MessageHeaderDecoder messageHeader = new MessageHeaderDecoder();

    @Test
    void theExampleFileParses() throws Exception
    {
        final List<EncodedCommand> commands = parser.parse(Path.of("../examples/bootstrap.conf"));
        assertEquals(20, commands.size());
        assertEquals(EnableCurrencyDecoder.TEMPLATE_ID, commands.get(0).templateId());
        assertEquals(OpenSettlementWindowDecoder.TEMPLATE_ID, commands.get(commands.size() - 1).templateId());
        for (final EncodedCommand command : commands)
        {
            assertFalse(command.description().contains(PAN), command.description());
            assertFalse(command.description().contains("4000009876543219"), command.description());
        }
    }

    @Test
    void currencyRoundTrips() throws Exception
    {
        final EncodedCommand command = single("\n\n  currency code=818 minor-units=2   # EGP");
        final EnableCurrencyDecoder decoder = new EnableCurrencyDecoder().wrapAndApplyHeader(buffer(command), 0, messageHeader);
        assertEquals(3, command.line());
        assertHeader(decoder.header(), 3);
        assertEquals(818, decoder.currency());
        assertEquals(2, decoder.minorUnits());
        assertEquals(OPERATOR, decoder.operatorId());
        assertEquals(MessageHeaderDecoder.ENCODED_LENGTH + decoder.encodedLength(), command.length());
    }

    @Test
    void participantRoundTripsWithDefaults() throws Exception
    {
        final AddParticipantDecoder full = participant(
            "participant id=1 name=NILE_BANK roles=issuer,acquirer issuing=remote hold-timeout=15m status=suspended");
        assertEquals(1, full.participantId());
        assertTrue(full.roles().issuer());
        assertTrue(full.roles().acquirer());
        assertEquals(IssuingMode.REMOTE, full.issuingMode());
        assertEquals(ParticipantStatus.SUSPENDED, full.status());
        assertEquals(900, full.holdTimeoutSeconds());
        assertEquals("NILE_BANK", full.name());
        assertEquals(OPERATOR, full.operatorId());

        final AddParticipantDecoder minimal = participant("participant id=4294967295 name=\"Delta # Pay\" roles=acquirer");
        assertEquals(4294967295L, minimal.participantId());
        assertFalse(minimal.roles().issuer());
        assertTrue(minimal.roles().acquirer());
        assertEquals(IssuingMode.HOSTED, minimal.issuingMode());
        assertEquals(ParticipantStatus.ACTIVE, minimal.status());
        assertEquals(7 * 86_400, minimal.holdTimeoutSeconds());
        assertEquals("Delta # Pay", minimal.name());
        assertEquals(OPERATOR, minimal.operatorId());
    }

    @Test
    void accountRoundTrips() throws Exception
    {
        final OpenAccountDecoder customer = new OpenAccountDecoder().wrapAndApplyHeader(buffer(single(
            "account id=1001 participant=1 currency=818 kind=customer constraint=debits-within-credits credit-limit=5000")),
            0, messageHeader);
        assertHeader(customer.header(), 1);
        assertEquals(1001, customer.accountId());
        assertEquals(1, customer.participantId());
        assertEquals(818, customer.currency());
        assertEquals(AccountKind.CUSTOMER, customer.kind());
        assertTrue(customer.flags().debitsMustNotExceedCredits());
        assertFalse(customer.flags().creditsMustNotExceedDebits());
        assertEquals(5000, customer.creditLimit());
        assertEquals(OPERATOR, customer.operatorId());

        final OpenAccountDecoder settlement = new OpenAccountDecoder().wrapAndApplyHeader(buffer(single(
            "account id=9002 participant=2 currency=818 kind=settlement")), 0, messageHeader);
        assertEquals(AccountKind.SETTLEMENT, settlement.kind());
        assertFalse(settlement.flags().debitsMustNotExceedCredits());
        assertFalse(settlement.flags().creditsMustNotExceedDebits());
        assertEquals(0, settlement.creditLimit());
    }

    @Test
    void routeRoundTripsWithTheTokenizersPrefixHash() throws Exception
    {
        final AddBinRouteDecoder route = new AddBinRouteDecoder().wrapAndApplyHeader(
            buffer(single("route prefix=45671234 issuer=3")), 0, messageHeader);
        assertHeader(route.header(), 1);
        assertEquals(3, route.issuerId());
        assertEquals(8, route.digitCount());
        assertEquals("45671234", route.prefix());
        assertEquals(tokenizer.prefixHash("45671234"), route.prefixHash());
        assertEquals(OPERATOR, route.operatorId());

        final long[] hashes = new long[6];
        final byte[] pan = "4567123400000001".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        tokenizer.prefixHashes(pan, 0, pan.length, hashes);
        assertEquals(route.prefixHash(), hashes[8 - 6], "the core matches an Authorize's hash with the route's");
    }

    @Test
    void cardRoundTripsWithoutTheClearPan() throws Exception
    {
        final EncodedCommand command = single("card pan=" + PAN + " account=1001 issuer=1 expiry=2812 status=lost " +
            "per-transaction=500000 daily-count=20 daily-amount=2000000");
        final IssueCardDecoder card = new IssueCardDecoder().wrapAndApplyHeader(buffer(command), 0, messageHeader);
        assertHeader(card.header(), 1);
        assertEquals(tokenizer.token(PAN), card.cardToken());
        assertEquals(1001, card.accountId());
        assertEquals(1, card.issuerId());
        assertEquals(400000, card.bin());
        assertEquals(7899, card.last4());
        assertEquals(16, card.panLength());
        assertEquals(2812, card.expiry());
        assertEquals(CardStatus.LOST, card.status());
        assertEquals(500000, card.perTransactionLimit());
        assertEquals(20, card.dailyCountLimit());
        assertEquals(2000000, card.dailyAmountLimit());
        assertEquals(OPERATOR, card.operatorId());
        assertEquals("card pan=400000******7899 account=1001", command.description());
        assertFalse(new String(command.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1).contains(PAN));
    }

    @Test
    void windowRoundTrips() throws Exception
    {
        final OpenSettlementWindowDecoder window = new OpenSettlementWindowDecoder().wrapAndApplyHeader(
            buffer(single("window id=1")), 0, messageHeader);
        assertHeader(window.header(), 1);
        assertEquals(1, window.windowId());
        assertEquals(OPERATOR, window.operatorId());
    }

    @Test
    void transferRoundTrips() throws Exception
    {
        final CreateTransferDecoder transfer = new CreateTransferDecoder().wrapAndApplyHeader(
            buffer(single("transfer id=7 debit=9999 credit=1001 amount=250000 currency=818")), 0, messageHeader);
        assertHeader(transfer.header(), 1);
        assertEquals(7, transfer.transferId());
        assertEquals(9999, transfer.debitAccountId());
        assertEquals(1001, transfer.creditAccountId());
        assertEquals(250000, transfer.amount());
        assertEquals(818, transfer.currency());
        assertEquals(0, transfer.pendingId());
        assertEquals(0, transfer.flags().getRaw());
    }

    @Test
    void settlementAndScheduleRoundTrip() throws Exception
    {
        final ConfigureSettlementDecoder settlement = new ConfigureSettlementDecoder().wrapAndApplyHeader(buffer(single(
            "settlement currency=818 central-account=9999 fee-account=9900 interchange-bps=50 acquirer-fee=10 issuer-fee=5")),
            0, messageHeader);
        assertEquals(818, settlement.currency());
        assertEquals(9999, settlement.centralAccountId());
        assertEquals(9900, settlement.feeAccountId());
        assertEquals(50, settlement.interchangeBasisPoints());
        assertEquals(0, settlement.interchangeFixed());
        assertEquals(10, settlement.acquirerSwitchFee());
        assertEquals(5, settlement.issuerSwitchFee());

        final SetSettlementScheduleDecoder schedule = new SetSettlementScheduleDecoder().wrapAndApplyHeader(
            buffer(single("schedule cutoff=22:15:30")), 0, messageHeader);
        assertEquals(1, schedule.enabled());
        assertEquals(22 * 3600 + 15 * 60 + 30, schedule.cutoffSecondOfDay());
        assertEquals(0, new SetSettlementScheduleDecoder().wrapAndApplyHeader(
            buffer(single("schedule cutoff=off")), 0, messageHeader).enabled());
    }

    @Test
    void badCutOffAndBasisPointsAreRefused()
    {
        for (final String line : new String[]{"schedule cutoff=24:00", "schedule cutoff=9:00", "schedule cutoff=noon",
            "settlement currency=818 central-account=1 fee-account=2 interchange-bps=10001"})
        {
            assertThrows(BootstrapException.class, () -> single(line), line);
        }
    }

    @Test
    void transferIdsInTheReservedRangeAreRefused()
    {
        final BootstrapException ex = assertThrows(BootstrapException.class,
            () -> single("transfer id=4611686018427387904 debit=1 credit=2 amount=5 currency=818"));
        assertTrue(ex.getMessage().contains("id"), ex.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown record type   | accounts id=1                                           | unknown record type 'accounts'",
        "unknown key           | window id=1 colour=red                                  | unknown key 'colour'",
        "missing key           | participant id=1 roles=issuer                           | missing key 'name'",
        "not a number          | window id=abc                                           | id: 'abc' is not a number",
        "out of range          | currency code=70000 minor-units=2                       | out of range",
        "bad duration          | participant id=1 name=A roles=issuer hold-timeout=7w    | bad duration '7w'",
        "duration without unit | participant id=1 name=A roles=issuer hold-timeout=30    | bad duration '30'",
        "unknown role          | participant id=1 name=A roles=issuer,payer              | unknown role 'payer'",
        "duplicate role        | participant id=1 name=A roles=issuer,issuer             | duplicate role",
        "short pan             | card pan=40000012345 account=1 issuer=1 expiry=2812 per-transaction=1 daily-count=1 daily-amount=1 | 11 digits",
        "long pan              | card pan=40000012345678901234 account=1 issuer=1 expiry=2812 per-transaction=1 daily-count=1 daily-amount=1 | 20 digits",
        "luhn                  | card pan=4000001234567898 account=1 issuer=1 expiry=2812 per-transaction=1 daily-count=1 daily-amount=1 | Luhn",
        "pan not digits        | card pan=4000-0012-3456-7899 account=1 issuer=1 expiry=2812 per-transaction=1 daily-count=1 daily-amount=1 | not all digits",
        "short prefix          | route prefix=40000 issuer=1                             | is not 6..11 digits",
        "long prefix           | route prefix=400000123456 issuer=1                      | is not 6..11 digits",
        "negative amount       | account id=1 participant=1 currency=818 kind=fee credit-limit=-5 | negative amount",
        "bad expiry            | card pan=4000001234567899 account=1 issuer=1 expiry=2813 per-transaction=1 daily-count=1 daily-amount=1 | is not YYMM",
        "short expiry          | card pan=4000001234567899 account=1 issuer=1 expiry=281 per-transaction=1 daily-count=1 daily-amount=1 | is not YYMM",
        "unknown enum word     | account id=1 participant=1 currency=818 kind=savings    | unknown value 'savings'",
        "duplicate key         | window id=1 id=2                                        | duplicate key 'id'",
        "no equals             | window 1                                                | expected key=value",
        "empty value           | window id=                                              | empty value",
        "unterminated quote    | participant id=1 name=\"Nile Bank roles=issuer          | unterminated quoted value",
    })
    void eachErrorNamesFileLineAndReason(final String kind, final String record, final String reason)
    {
        final BootstrapException ex = assertThrows(BootstrapException.class,
            () -> parser.parse("genesis.conf", new StringReader("# header\ncurrency code=818 minor-units=2\n" + record + "\n")));
        assertTrue(ex.getMessage().startsWith("genesis.conf:3: "), ex.getMessage());
        assertTrue(ex.getMessage().contains(reason), ex.getMessage());
        assertEquals(3, ex.line());
        assertFalse(ex.getMessage().contains(PAN), ex.getMessage());
    }

    @Test
    void aLineTooLongIsRejected()
    {
        final String longName = "x".repeat(BootstrapLine.MAX_LINE_LENGTH);
        final BootstrapException ex = assertThrows(BootstrapException.class,
            () -> parser.parse("f", new StringReader("participant id=1 roles=issuer name=" + longName)));
        assertTrue(ex.getMessage().contains("f:1: line longer than"), ex.getMessage());
    }

    @Test
    void everyProblemIsListedAndNoPartialListIsReturned()
    {
        final BootstrapException ex = assertThrows(BootstrapException.class, () -> parser.parse("f",
            new StringReader("window id=1\nwindow id=x\r\nwindow id=2\rbogus\n")));
        assertEquals(List.of("f:2: id: 'x' is not a number",
            "f:4: unknown record type 'bogus' (expected one of: currency, participant, account, route, card, window, transfer, settlement, schedule)"),
            ex.problems());
        assertEquals(2, ex.line());
    }

    @Test
    void reportingStopsAtTheLimit()
    {
        final String text = "window id=x\n".repeat(BootstrapParser.MAX_REPORTED_PROBLEMS + 5);
        final BootstrapException ex = assertThrows(BootstrapException.class, () -> parser.parse("f", new StringReader(text)));
        assertEquals(BootstrapParser.MAX_REPORTED_PROBLEMS, ex.problems().size());
    }

    @Test
    void recordCountIsLimited() throws Exception
    {
        final BootstrapParser limited = new BootstrapParser(tokenizer, OPERATOR, 3);
        assertEquals(3, limited.parse("f", new StringReader("window id=1\n# c\nwindow id=2\nwindow id=3\n")).size());
        final BootstrapException ex = assertThrows(BootstrapException.class,
            () -> limited.parse("f", new StringReader("window id=1\nwindow id=2\nwindow id=3\nwindow id=4\n")));
        assertEquals("f:4: more than 3 records", ex.getMessage());
    }

    @Test
    void thePanNeverAppearsInMessagesEvenInTheWrongKey()
    {
        final String[] lines = {
            "card pan=" + PAN + " account=1 issuer=1 expiry=2899 per-transaction=1 daily-count=1 daily-amount=1",
            "card pan=" + PAN + " account=1 issuer=1 expiry=2812 per-transaction=1 daily-count=" + PAN + " daily-amount=1",
            "card pan=" + PAN + " account=x" + PAN + " issuer=1 expiry=2812 per-transaction=1 daily-count=1 daily-amount=1",
            "window id=" + PAN + "0000",
            "window " + PAN + "=1",
            "participant id=1 name=A roles=" + PAN,
            "card pan=" + PAN + "1 account=1",
            "card pan=" + PAN + "x account=1",
            "card pan=" + PAN + " pan=" + PAN,
            PAN,
        };
        for (final String line : lines)
        {
            final BootstrapException ex = assertThrows(BootstrapException.class, () -> parser.parse("f", new StringReader(line)));
            assertFalse(ex.getMessage().contains(PAN), ex.getMessage());
            assertFalse(ex.getMessage().contains(PAN.substring(0, 12)), ex.getMessage());
        }
    }

    @Test
    void operatorIdIsChecked()
    {
        assertThrows(IllegalArgumentException.class, () -> new BootstrapParser(tokenizer, ""));
        assertThrows(IllegalArgumentException.class, () -> new BootstrapParser(tokenizer, "x".repeat(255)));
        assertThrows(IllegalArgumentException.class, () -> new BootstrapParser(tokenizer, "op\u00e9rateur"));
    }

    private EncodedCommand single(final String text) throws Exception
    {
        final List<EncodedCommand> commands = parser.parse("test.conf", new StringReader(text));
        assertEquals(1, commands.size());
        return commands.get(0);
    }

    private AddParticipantDecoder participant(final String text) throws Exception
    {
        final AddParticipantDecoder decoder = new AddParticipantDecoder().wrapAndApplyHeader(buffer(single(text)), 0, messageHeader);
        assertHeader(decoder.header(), 1);
        return decoder;
    }

    private UnsafeBuffer buffer(final EncodedCommand command)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(command.bytes());
        messageHeader.wrap(buffer, 0);
        assertEquals(command.templateId(), messageHeader.templateId());
        return buffer;
    }

    private static void assertHeader(final EntryHeaderDecoder header, final int line)
    {
        assertEquals(0, header.sequence());
        assertEquals(0, header.timestamp());
        assertEquals(line, header.correlationId());
        assertEquals(0, header.connectionId());
        assertEquals(0, header.epoch());
        assertEquals(Source.BOOTSTRAP, header.source());
        assertEquals(0, header.reserved());
    }
}

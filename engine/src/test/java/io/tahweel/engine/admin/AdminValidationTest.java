package io.tahweel.engine.admin;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.core.StateHash;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.core.TransferIds;
import io.tahweel.engine.state.SnapshotWriter;
import io.tahweel.engine.testing.CoreDriver;
import io.tahweel.engine.testing.Scenario;
import io.tahweel.engine.testing.TestCards;
import io.tahweel.engine.testing.TestCommands;
import io.tahweel.sbe.AccountKind;
import io.tahweel.sbe.AdminResult;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.CardStatus;
import io.tahweel.sbe.IssueCardEncoder;
import io.tahweel.sbe.IssuingMode;
import io.tahweel.sbe.MessageHeaderEncoder;
import io.tahweel.sbe.ParticipantStatus;
import io.tahweel.sbe.SetParticipantStatusEncoder;
import io.tahweel.sbe.Source;
import io.tahweel.sbe.TransferResult;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.tahweel.engine.testing.Scenario.*;
import static io.tahweel.sbe.AdminResult.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Proves every invalid admin command is refused with its own {@link AdminResult} and changes
 * nothing: the core's state is byte-for-byte the same afterwards, and traffic after a batch of
 * refusals is answered exactly as if they had never been sent. Capacities are tested at their
 * limit: capacity N accepts the N-th and refuses the (N+1)-th.
 * <p>
 * How "changes nothing" is measured: a refused command is still journaled, so it advances the
 * core's lastSequence and lastTimestamp, which are the first 24 bytes of
 * {@link SwitchCore#writeSnapshot} (magic, version, lastSequence, lastTimestamp). Everything
 * after them is business state, so the test hashes the snapshot bytes from offset 24. That is
 * stricter and simpler than building a second core fed the accepted commands only, whose
 * sequences (and therefore authorization ids) would differ.
 */
class AdminValidationTest
{
    private static final int SNAPSHOT_HEADER_LENGTH = 24;
    private static final long NEW_ACCOUNT = 5555;
    private static final int NEW_PARTICIPANT = 7;
    private static final String NEW_CARD = "4000001111111111";
    private static final int USD = 840;

    private static final TestCommands COMMANDS = new TestCommands();

    static Stream<Arguments> invalidCommands()
    {
        final List<Arguments> cases = new ArrayList<>();
        // unknown participant
        add(cases, "route to unknown participant", c -> c.addBinRoute(42, "510000"), UNKNOWN_PARTICIPANT);
        add(cases, "account of unknown participant", c -> c.openAccount(NEW_ACCOUNT, 42, EGP, true, AccountKind.CUSTOMER, 0),
            UNKNOWN_PARTICIPANT);
        add(cases, "card of unknown issuer", c -> c.issueCard(NEW_CARD, CARD_ACCOUNT, 42, EXPIRY, CardStatus.ACTIVE,
            1_000, 1, 1_000), UNKNOWN_PARTICIPANT);
        add(cases, "status of unknown participant", c -> c.setParticipantStatus(42, ParticipantStatus.SUSPENDED),
            UNKNOWN_PARTICIPANT);
        add(cases, "status NULL_VAL", c -> participantStatus(HOSTED_BANK, ParticipantStatus.NULL_VAL), INVALID_FLAGS);
        // duplicate ids
        add(cases, "duplicate participant", c -> c.addParticipant(HOSTED_BANK, true, true, IssuingMode.HOSTED, 60, "AGAIN"),
            DUPLICATE_ID);
        add(cases, "duplicate account", c -> c.openAccount(CARD_ACCOUNT, HOSTED_BANK, EGP, true, AccountKind.CUSTOMER, 0),
            DUPLICATE_ID);
        add(cases, "duplicate currency", c -> c.enableCurrency(EGP, 2), DUPLICATE_ID);
        add(cases, "duplicate card token", c -> c.issueCard(CARD, SMALL_ACCOUNT, HOSTED_BANK, EXPIRY, CardStatus.ACTIVE,
            1_000, 1, 1_000), DUPLICATE_ID);
        // BIN routes
        add(cases, "same prefix twice", c -> c.addBinRoute(HOSTED_BANK, "400000"), OVERLAPPING_BIN_ROUTE);
        add(cases, "same prefix to another issuer", c -> c.addBinRoute(REMOTE_BANK, "45671234"), OVERLAPPING_BIN_ROUTE);
        add(cases, "prefix of 5 digits", c -> c.addBinRoute(HOSTED_BANK, "51000"), MALFORMED_BIN_PREFIX);
        // The prefix field holds 11 characters, so "12 digits" can only be claimed by digitCount.
        add(cases, "digitCount 12", c -> c.addBinRoute(HOSTED_BANK, "51000012345", 12), MALFORMED_BIN_PREFIX);
        add(cases, "digitCount longer than prefix", c -> c.addBinRoute(HOSTED_BANK, "5100001", 8), MALFORMED_BIN_PREFIX);
        add(cases, "digitCount shorter than prefix", c -> c.addBinRoute(HOSTED_BANK, "5100001", 6), MALFORMED_BIN_PREFIX);
        add(cases, "letters in prefix", c -> c.addBinRoute(HOSTED_BANK, "51000A"), MALFORMED_BIN_PREFIX);
        add(cases, "route to an acquirer", c -> c.addBinRoute(ACQUIRER, "510000"), PARTICIPANT_NOT_ISSUER);
        // zero ids
        add(cases, "participant id 0", c -> c.addParticipant(0, true, false, IssuingMode.HOSTED, 60, "ZERO"), INVALID_ID);
        add(cases, "account id 0", c -> c.openAccount(0, HOSTED_BANK, EGP, true, AccountKind.CUSTOMER, 0), INVALID_ID);
        add(cases, "card token 0", c -> issueCard(0, CARD_ACCOUNT, HOSTED_BANK, 400_000, 1_111, 16, EXPIRY, 1_000, 1, 1_000),
            INVALID_ID);
        add(cases, "window id 0", c -> c.openWindow(0), INVALID_ID);
        // accounts
        add(cases, "negative credit limit", c -> c.openAccount(NEW_ACCOUNT, HOSTED_BANK, EGP, true, AccountKind.CUSTOMER, -1),
            INVALID_AMOUNT);
        add(cases, "credit limit without debitsMustNotExceedCredits",
            c -> c.openAccount(NEW_ACCOUNT, HOSTED_BANK, EGP, false, AccountKind.CUSTOMER, 100), INVALID_FLAGS);
        add(cases, "account in a currency not enabled",
            c -> c.openAccount(NEW_ACCOUNT, HOSTED_BANK, USD, true, AccountKind.CUSTOMER, 0), UNKNOWN_CURRENCY);
        add(cases, "account in currency 0", c -> c.openAccount(NEW_ACCOUNT, HOSTED_BANK, 0, true, AccountKind.CUSTOMER, 0),
            INVALID_CURRENCY);
        add(cases, "account in currency 1000",
            c -> c.openAccount(NEW_ACCOUNT, HOSTED_BANK, 1000, true, AccountKind.CUSTOMER, 0), INVALID_CURRENCY);
        // currencies
        add(cases, "currency 0", c -> c.enableCurrency(0, 2), INVALID_CURRENCY);
        add(cases, "currency 1000", c -> c.enableCurrency(1000, 2), INVALID_CURRENCY);
        add(cases, "5 minor units", c -> c.enableCurrency(USD, 5), INVALID_CURRENCY);
        // cards
        add(cases, "card for a remote issuer", c -> c.issueCard(REMOTE_CARD, CARD_ACCOUNT, REMOTE_BANK, EXPIRY,
            CardStatus.ACTIVE, 1_000, 1, 1_000), ISSUER_NOT_HOSTED);
        add(cases, "card for an acquirer", c -> c.issueCard(NEW_CARD, ACQUIRER_SETTLEMENT, ACQUIRER, EXPIRY,
            CardStatus.ACTIVE, 1_000, 1, 1_000), PARTICIPANT_NOT_ISSUER);
        add(cases, "card on another participant's account", c -> c.issueCard(NEW_CARD, ACQUIRER_SETTLEMENT, HOSTED_BANK,
            EXPIRY, CardStatus.ACTIVE, 1_000, 1, 1_000), ACCOUNT_NOT_OWNED_BY_ISSUER);
        add(cases, "card on unknown account", c -> c.issueCard(NEW_CARD, 4242, HOSTED_BANK, EXPIRY, CardStatus.ACTIVE,
            1_000, 1, 1_000), UNKNOWN_ACCOUNT);
        add(cases, "bin of 5 digits", c -> issueCard(TestCards.token(NEW_CARD), CARD_ACCOUNT, HOSTED_BANK, 40_000, 1_111, 16,
            EXPIRY, 1_000, 1, 1_000), INVALID_CARD_DATA);
        add(cases, "pan length 11", c -> c.issueCard("40000012345", CARD_ACCOUNT, HOSTED_BANK, EXPIRY, CardStatus.ACTIVE,
            1_000, 1, 1_000), INVALID_CARD_DATA);
        add(cases, "pan length 20", c -> c.issueCard("40000012345678901234", CARD_ACCOUNT, HOSTED_BANK, EXPIRY,
            CardStatus.ACTIVE, 1_000, 1, 1_000), INVALID_CARD_DATA);
        add(cases, "expiry month 13", c -> c.issueCard(NEW_CARD, CARD_ACCOUNT, HOSTED_BANK, 2813, CardStatus.ACTIVE,
            1_000, 1, 1_000), INVALID_CARD_DATA);
        add(cases, "expiry month 0", c -> c.issueCard(NEW_CARD, CARD_ACCOUNT, HOSTED_BANK, 2800, CardStatus.ACTIVE,
            1_000, 1, 1_000), INVALID_CARD_DATA);
        add(cases, "card status NULL_VAL", c -> c.issueCard(NEW_CARD, CARD_ACCOUNT, HOSTED_BANK, EXPIRY,
            CardStatus.NULL_VAL, 1_000, 1, 1_000), INVALID_CARD_DATA);
        add(cases, "per-transaction limit 0", c -> c.issueCard(NEW_CARD, CARD_ACCOUNT, HOSTED_BANK, EXPIRY,
            CardStatus.ACTIVE, 0, 1, 1_000), INVALID_AMOUNT);
        add(cases, "negative per-transaction limit", c -> c.issueCard(NEW_CARD, CARD_ACCOUNT, HOSTED_BANK, EXPIRY,
            CardStatus.ACTIVE, -1, 1, 1_000), INVALID_AMOUNT);
        add(cases, "daily count 0", c -> c.issueCard(NEW_CARD, CARD_ACCOUNT, HOSTED_BANK, EXPIRY, CardStatus.ACTIVE,
            1_000, 0, 1_000), INVALID_AMOUNT);
        add(cases, "negative daily amount", c -> c.issueCard(NEW_CARD, CARD_ACCOUNT, HOSTED_BANK, EXPIRY,
            CardStatus.ACTIVE, 1_000, 1, -5), INVALID_AMOUNT);
        add(cases, "limits of unknown card", c -> c.setCardLimits(Scenario.UNKNOWN_CARD, 1_000, 1, 1_000),
            AdminResult.UNKNOWN_CARD);
        add(cases, "zero limits", c -> c.setCardLimits(CARD, 0, 1, 1_000), INVALID_AMOUNT);
        add(cases, "zero daily count limit", c -> c.setCardLimits(CARD, 1_000, 0, 1_000), INVALID_AMOUNT);
        add(cases, "negative daily amount limit", c -> c.setCardLimits(CARD, 1_000, 1, -1), INVALID_AMOUNT);
        add(cases, "status of unknown card", c -> c.setCardStatus(Scenario.UNKNOWN_CARD, CardStatus.BLOCKED),
            AdminResult.UNKNOWN_CARD);
        add(cases, "card status to NULL_VAL", c -> c.setCardStatus(CARD, CardStatus.NULL_VAL), INVALID_CARD_DATA);
        // settlement windows (the scenario leaves window 1 open)
        add(cases, "open while one is open", c -> c.openWindow(2), WINDOW_ALREADY_OPEN);
        add(cases, "close the wrong id", c -> c.closeWindow(2), WINDOW_NOT_OPEN);
        // participants
        add(cases, "participant with no roles", c -> c.addParticipant(NEW_PARTICIPANT, false, false, IssuingMode.HOSTED, 60,
            "NO_ROLES"), INVALID_ROLES);
        add(cases, "empty name", c -> c.addParticipant(NEW_PARTICIPANT, true, true, IssuingMode.HOSTED, 60, ""),
            INVALID_NAME);
        add(cases, "name of 33 characters", c -> c.addParticipant(NEW_PARTICIPANT, true, true, IssuingMode.HOSTED, 60,
            "A".repeat(33)), INVALID_NAME);
        add(cases, "control character in name", c -> c.addParticipant(NEW_PARTICIPANT, true, true, IssuingMode.HOSTED, 60,
            "BAD\u0001NAME"), INVALID_NAME);
        add(cases, "DEL in name", c -> c.addParticipant(NEW_PARTICIPANT, true, true, IssuingMode.HOSTED, 60, "BAD\u007F"),
            INVALID_NAME);
        return cases.stream();
    }

    private static void add(final List<Arguments> cases, final String name, final Function<TestCommands, byte[]> command,
        final AdminResult expected)
    {
        cases.add(Arguments.of(name, command, expected));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("invalidCommands")
    void invalidAdminCommandIsRefusedWithItsResultAndChangesNothing(final String name,
        final Function<TestCommands, byte[]> command, final AdminResult expected)
    {
        final CoreDriver driver = Scenario.driver(COMMANDS);
        assertRefusedUnchanged(driver, command.apply(COMMANDS), expected);
    }

    @Test
    void windowIdsMustIncreaseAndOnlyTheOpenWindowCloses()
    {
        final CoreDriver driver = new CoreDriver(new CoreContext());
        final List<byte[]> genesis = Scenario.genesis(COMMANDS);
        for (final byte[] entry : genesis.subList(0, genesis.size() - 1))
        {
            driver.apply(entry);
        }
        assertEquals(0, driver.core().windows().openWindowId(), "scenario without its openWindow(1)");
        assertRefusedUnchanged(driver, COMMANDS.closeWindow(1), WINDOW_NOT_OPEN);
        assertRefusedUnchanged(driver, COMMANDS.openWindow(0), INVALID_ID);
        assertRefusedUnchanged(driver, COMMANDS.openWindow(-3), INVALID_ID);
        assertAdmin(OK, driver.apply(COMMANDS.openWindow(5)));
        assertRefusedUnchanged(driver, COMMANDS.openWindow(6), WINDOW_ALREADY_OPEN);
        assertRefusedUnchanged(driver, COMMANDS.closeWindow(4), WINDOW_NOT_OPEN);
        assertRefusedUnchanged(driver, COMMANDS.closeWindow(6), WINDOW_NOT_OPEN);
        assertAdmin(OK, driver.apply(COMMANDS.closeWindow(5)));
        final long open = driver.core().windows().openWindowId();
        // A close may open the next window itself (daily cut-off); then "already open" takes precedence.
        assertRefusedUnchanged(driver, COMMANDS.openWindow(4), open == 0 ? WINDOW_ID_NOT_INCREASING : WINDOW_ALREADY_OPEN);
        assertRefusedUnchanged(driver, COMMANDS.openWindow(5), open == 0 ? WINDOW_ID_NOT_INCREASING : WINDOW_ALREADY_OPEN);
        assertRefusedUnchanged(driver, COMMANDS.closeWindow(5), WINDOW_NOT_OPEN);
    }

    @Test
    void participantsAtCapacityAcceptTheLastAndRefuseOneMore()
    {
        final CoreDriver driver = Scenario.driver(COMMANDS, new CoreContext().participantCapacity(4));
        assertAdmin(OK, driver.apply(COMMANDS.addParticipant(4, true, false, IssuingMode.HOSTED, 60, "FOURTH")));
        assertEquals(4, driver.core().participants().count());
        assertRefusedUnchanged(driver, COMMANDS.addParticipant(5, true, false, IssuingMode.HOSTED, 60, "FIFTH"),
            CAPACITY_EXCEEDED);
    }

    @Test
    void routesAtCapacityAcceptTheLastAndRefuseOneMore()
    {
        final CoreDriver driver = Scenario.driver(COMMANDS, new CoreContext().routeCapacity(3));
        assertAdmin(OK, driver.apply(COMMANDS.addBinRoute(HOSTED_BANK, "4000009")));
        assertEquals(3, driver.core().routes().count());
        assertRefusedUnchanged(driver, COMMANDS.addBinRoute(HOSTED_BANK, "4000008"), CAPACITY_EXCEEDED);
    }

    @Test
    void cardsAtCapacityAcceptTheLastAndRefuseOneMore()
    {
        final CoreDriver driver = Scenario.driver(COMMANDS, new CoreContext().cardCapacity(3));
        assertAdmin(OK, driver.apply(COMMANDS.issueCard(NEW_CARD, CARD_ACCOUNT, HOSTED_BANK, EXPIRY, CardStatus.ACTIVE,
            1_000, 1, 1_000)));
        assertEquals(3, driver.core().cards().count());
        assertRefusedUnchanged(driver, COMMANDS.issueCard("4000002222222222", CARD_ACCOUNT, HOSTED_BANK, EXPIRY,
            CardStatus.ACTIVE, 1_000, 1, 1_000), CAPACITY_EXCEEDED);
    }

    @Test
    void accountsAtCapacityAcceptTheLastAndRefuseOneMore()
    {
        final int capacity = Scenario.driver(COMMANDS).core().ledger().accountCount() + 1;
        final CoreDriver driver = Scenario.driver(COMMANDS, new CoreContext().accountCapacity(capacity));
        assertAdmin(OK, driver.apply(COMMANDS.openAccount(NEW_ACCOUNT, HOSTED_BANK, EGP, true, AccountKind.CUSTOMER, 0)));
        assertEquals(capacity, driver.core().ledger().accountCount());
        assertRefusedUnchanged(driver, COMMANDS.openAccount(NEW_ACCOUNT + 1, HOSTED_BANK, EGP, true, AccountKind.CUSTOMER,
            0), CAPACITY_EXCEEDED);
    }

    @Test
    void transferWithAReservedIdIsRefusedAndChangesNothing()
    {
        final CoreDriver driver = Scenario.driver(COMMANDS);
        for (final long id : new long[]{TransferIds.RESERVED_BASE, TransferIds.RESERVED_BASE + 1, Long.MAX_VALUE, -1L})
        {
            final String before = businessState(driver.core());
            final Outcome outcome = driver.apply(COMMANDS.transfer(id, OPERATOR_ACCOUNT, CARD_ACCOUNT, 1_00, EGP, 0, 0, 0));
            assertEquals(Outcome.TRANSFER, outcome.type(), "id " + id);
            assertEquals(TransferResult.ID_RESERVED, TransferResult.get(outcome.result()), "id " + id);
            assertEquals(before, businessState(driver.core()), "id " + id + " changed the state");
        }
        final Outcome ok = driver.apply(COMMANDS.transfer(TransferIds.RESERVED_BASE - 1, OPERATOR_ACCOUNT, CARD_ACCOUNT,
            1_00, EGP, 0, 0, 0));
        assertEquals(TransferResult.OK, TransferResult.get(ok.result()), "the largest participant id is allowed");
    }

    /**
     * Guards against refusals that leave a trace outside the snapshot (an index, a counter):
     * the same traffic after a batch of refusals gets exactly the answers it gets without them.
     */
    @Test
    void trafficAfterRefusalsIsAnsweredAsIfTheyNeverHappened()
    {
        final CoreDriver clean = Scenario.driver(COMMANDS);
        final CoreDriver refused = Scenario.driver(COMMANDS);
        invalidCommands().forEach(arguments ->
        {
            @SuppressWarnings("unchecked")
            final Function<TestCommands, byte[]> command = (Function<TestCommands, byte[]>)arguments.get()[1];
            assertNotEquals(OK.value(), refused.apply(command.apply(COMMANDS)).result(), String.valueOf(arguments.get()[0]));
        });
        final List<byte[]> probe = List.of(
            COMMANDS.addBinRoute(HOSTED_BANK, "510000"),
            COMMANDS.addParticipant(NEW_PARTICIPANT, true, true, IssuingMode.HOSTED, 60, "NEW_BANK"),
            COMMANDS.openAccount(NEW_ACCOUNT, HOSTED_BANK, EGP, true, AccountKind.CUSTOMER, 0),
            COMMANDS.transfer(77, OPERATOR_ACCOUNT, NEW_ACCOUNT, 9_000, EGP, 0, 0, 0),
            COMMANDS.issueCard(NEW_CARD, NEW_ACCOUNT, HOSTED_BANK, EXPIRY, CardStatus.ACTIVE, 5_000, 3, 8_000),
            COMMANDS.authorize(ACQUIRER, 1, 1_125_000_001L, "000000000001", NEW_CARD, 4_000, EGP, EXPIRY,
                CaptureMode.DUAL_MESSAGE, false),
            COMMANDS.authorize(ACQUIRER, 2, 1_125_000_002L, "000000000002", CARD, 6_000, EGP, EXPIRY,
                CaptureMode.SINGLE_MESSAGE, false),
            COMMANDS.authorize(ACQUIRER, 3, 1_125_000_003L, "000000000003", "5100001234567890", 100, EGP, EXPIRY,
                CaptureMode.DUAL_MESSAGE, false),
            COMMANDS.closeWindow(1),
            COMMANDS.openWindow(2));
        for (final byte[] entry : probe)
        {
            final Outcome expected = clean.apply(entry);
            final int expectedType = expected.type();
            final int expectedResult = expected.result();
            final long expectedAmount = expected.amount();
            final Outcome actual = refused.apply(entry);
            assertEquals(expectedType, actual.type());
            assertEquals(expectedResult, actual.result(), "answer after refusals: " + actual);
            assertEquals(expectedAmount, actual.amount());
        }
        assertNull(refused.core().ledger().checkInvariants());
        assertEquals(clean.core().ledger().debitsPending(NEW_ACCOUNT), refused.core().ledger().debitsPending(NEW_ACCOUNT));
    }

    private static void assertRefusedUnchanged(final CoreDriver driver, final byte[] command, final AdminResult expected)
    {
        final String before = businessState(driver.core());
        final long sequenceBefore = driver.core().lastSequence();
        final Outcome outcome = driver.apply(command);
        assertAdmin(expected, outcome);
        assertEquals(sequenceBefore + 1, driver.core().lastSequence(), "a refused command is still a journaled entry");
        assertEquals(before, businessState(driver.core()), "refused with " + expected + " but the state changed");
    }

    private static void assertAdmin(final AdminResult expected, final Outcome outcome)
    {
        assertEquals(Outcome.ADMIN, outcome.type(), "answered as an admin command: " + outcome);
        assertEquals(expected, AdminResult.get(outcome.result()), "result of " + outcome);
    }

    /** Hash of the snapshot bytes after the 24-byte core header (magic, version, lastSequence, lastTimestamp). */
    static String businessState(final SwitchCore core)
    {
        final SnapshotWriter writer = new SnapshotWriter(1 << 16);
        core.writeSnapshot(writer);
        return StateHash.of(0, writer.buffer(), SNAPSHOT_HEADER_LENGTH, writer.position() - SNAPSHOT_HEADER_LENGTH).hex();
    }

    /** IssueCard with every field explicit, for data TestCommands derives from a PAN (token, bin). */
    private static byte[] issueCard(final long token, final long account, final int issuer, final int bin, final int last4,
        final int panLength, final int expiry, final long perTransaction, final int dailyCount, final long dailyAmount)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        final IssueCardEncoder e = new IssueCardEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        e.header().source(Source.ADMIN);
        e.cardToken(token).accountId(account).issuerId(issuer).bin(bin).last4(last4).panLength((short)panLength)
            .expiry(expiry).status(CardStatus.ACTIVE).perTransactionLimit(perTransaction).dailyCountLimit(dailyCount)
            .dailyAmountLimit(dailyAmount).operatorId(TestCommands.OPERATOR);
        return copy(buffer, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
    }

    private static byte[] participantStatus(final int participant, final ParticipantStatus status)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        final SetParticipantStatusEncoder e = new SetParticipantStatusEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        e.header().source(Source.ADMIN);
        e.participantId(participant).status(status).operatorId(TestCommands.OPERATOR);
        return copy(buffer, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
    }

    private static byte[] copy(final UnsafeBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}

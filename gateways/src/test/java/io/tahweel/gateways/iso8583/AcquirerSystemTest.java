package io.tahweel.gateways.iso8583;

import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.recovery.Recovery;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalContext;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.tahweel.gateways.iso8583.JposAcquirer.authorization;
import static io.tahweel.gateways.iso8583.JposAcquirer.follow;
import static io.tahweel.gateways.iso8583.JposAcquirer.repeat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acquirer side over real loopback sockets against a real node, with jPOS's PostChannel +
 * ISO87BPackager as the acquirer host (and ASCIIChannel, NACChannel for the other profiles).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AcquirerSystemTest
{
    private static final byte[] TPDU = { 0x60, 0x00, 0x01, 0x00, 0x02 };

    private TestSwitch sw;
    private JposAcquirer acquirer;

    @BeforeAll
    void start(@TempDir final Path dataDir) throws Exception
    {
        sw = TestSwitch.start(dataDir,
            new ListenerConfig("post", 0).bindAddress("127.0.0.1"),
            new ListenerConfig("ascii", 0).bindAddress("127.0.0.1").lengthPrefix(LengthPrefix.ASCII_4)
                .fieldEncoding(FieldEncoding.ASCII),
            new ListenerConfig("nac", 0).bindAddress("127.0.0.1").tpdu(true),
            new ListenerConfig("pinned", 0).bindAddress("127.0.0.1").allowedAcquirers(1));
        acquirer = JposAcquirer.post(sw.port("post"));
        assertEquals("00", acquirer.signOn().getString(39));
    }

    @AfterAll
    void stop() throws IOException
    {
        if (acquirer != null)
        {
            acquirer.close();
        }
        if (sw != null)
        {
            sw.close();
        }
    }

    @Test
    @Order(1)
    void signOnIsRequiredAndNetworkManagementIsAnsweredBeforeIt() throws Exception
    {
        try (JposAcquirer fresh = JposAcquirer.post(sw.port("post")))
        {
            final ISOMsg echo = fresh.request(JposAcquirer.network("301"));
            assertEquals("0810", echo.getMTI());
            assertEquals("00", echo.getString(39));
            assertEquals("301", echo.getString(70));

            final ISOMsg early = authorization("0100", TestSwitch.CARD, 100);
            final ISOMsg refused = fresh.request(early);
            assertEquals("0110", refused.getMTI());
            assertEquals("91", refused.getString(39));
            assertEquals(early.getString(11), refused.getString(11));

            assertEquals("00", fresh.signOn().getString(39));
            assertEquals("00", fresh.request(authorization("0100", TestSwitch.CARD, 100)).getString(39));

            assertEquals("00", fresh.request(JposAcquirer.network("002")).getString(39));
            assertEquals("91", fresh.request(authorization("0100", TestSwitch.CARD, 100)).getString(39));
            assertEquals("12", fresh.request(JposAcquirer.network("999")).getString(39));
        }
    }

    @Test
    @Order(2)
    void onUsApprovalEchoesTheMatchingFields() throws Exception
    {
        final ISOMsg request = authorization("0100", TestSwitch.CARD, 12_345);
        final ISOMsg response = acquirer.request(request);
        assertEquals("0110", response.getMTI());
        assertEquals("00", response.getString(39));
        for (final int field : new int[]{ 3, 4, 7, 11, 12, 13, 32, 37, 41, 42, 49 })
        {
            assertEquals(request.getString(field), response.getString(field), "field " + field);
        }
        assertEquals(6, response.getString(38).length());
        assertFalse(response.hasField(2), "the PAN is not echoed");
        assertFalse(response.hasField(52), "the PIN block is not echoed");
    }

    @Test
    @Order(3)
    void declinesCarryTheirIso8583ResponseCodes() throws Exception
    {
        assertEquals("51", code(authorization("0100", TestSwitch.LOW, 5_000)));
        assertEquals("61", code(authorization("0100", TestSwitch.CARD, 600_000)));
        assertEquals("62", code(authorization("0100", TestSwitch.BLOCKED, 100)));
        assertEquals("41", code(authorization("0100", TestSwitch.LOST, 100)));
        assertEquals("43", code(authorization("0100", TestSwitch.STOLEN, 100)));
        assertEquals("14", code(authorization("0100", TestSwitch.CLOSED, 100)));
        assertEquals("14", code(authorization("0100", TestSwitch.UNKNOWN_ON_US, 100)));
        assertEquals("15", code(authorization("0100", TestSwitch.NO_ROUTE, 100)));
        assertEquals("91", code(authorization("0100", TestSwitch.REMOTE, 100)), "remote issuer, no link yet");
        assertEquals("13", code(authorization("0100", TestSwitch.CARD, 0)));

        final ISOMsg wrongExpiry = authorization("0100", TestSwitch.CARD, 100);
        wrongExpiry.set(14, "2901");
        assertEquals("54", code(wrongExpiry));

        final ISOMsg otherCurrency = authorization("0100", TestSwitch.CARD, 100);
        otherCurrency.set(49, "840");
        assertEquals("57", code(otherCurrency));

        final ISOMsg unknownAcquirer = authorization("0100", TestSwitch.CARD, 100);
        unknownAcquirer.set(32, "77");
        assertEquals("03", code(unknownAcquirer));

        assertEquals("00", code(authorization("0100", TestSwitch.ONE_A_DAY, 100)));
        assertEquals("65", code(authorization("0100", TestSwitch.ONE_A_DAY, 100)));

        final ISOMsg once = authorization("0100", TestSwitch.CARD, 100);
        assertEquals("00", code(once));
        assertEquals("94", code(once), "same key, not marked as a repeat");
    }

    @Test
    @Order(4)
    void financialCompletionAndReversals() throws Exception
    {
        final ISOMsg purchase = acquirer.request(authorization("0200", TestSwitch.CARD, 2_500));
        assertEquals("0210", purchase.getMTI());
        assertEquals("00", purchase.getString(39));

        final ISOMsg hold = authorization("0100", TestSwitch.CARD, 5_000);
        assertEquals("00", code(hold));
        final ISOMsg completion = acquirer.request(follow("0220", hold, 4_000));
        assertEquals("0230", completion.getMTI());
        assertEquals("00", completion.getString(39));
        assertEquals(hold.getMTI() + hold.getString(11) + hold.getString(7) + "0000000000200000000000",
            completion.getString(90));

        // LOW2 holds 10000: a partial reversal to 3000 frees 5000 of an 8000 hold
        final ISOMsg big = authorization("0100", TestSwitch.LOW2, 8_000);
        assertEquals("00", code(big));
        assertEquals("51", code(authorization("0100", TestSwitch.LOW2, 6_000)));
        final ISOMsg partial = follow("0400", big, 8_000);
        partial.set(95, String.format("%012d", 3_000) + "0".repeat(30));
        final ISOMsg partialAnswer = acquirer.request(partial);
        assertEquals("0410", partialAnswer.getMTI());
        assertEquals("00", partialAnswer.getString(39));
        final ISOMsg second = authorization("0100", TestSwitch.LOW2, 6_000);
        assertEquals("00", code(second));

        final ISOMsg full = acquirer.request(follow("0420", second, 6_000));
        assertEquals("0430", full.getMTI());
        assertEquals("00", full.getString(39));
        assertEquals("00", code(authorization("0100", TestSwitch.LOW2, 7_000)));

        final ISOMsg ghost = authorization("0100", TestSwitch.CARD, 100);
        assertEquals("25", acquirer.request(follow("0400", ghost, 100)).getString(39), "unknown original");
    }

    @Test
    @Order(5)
    void aRepeatGetsTheOriginalAnswerAndNoSecondHold() throws Exception
    {
        final ISOMsg original = authorization("0100", TestSwitch.LOW, 800);
        final ISOMsg first = acquirer.request(original);
        assertEquals("00", first.getString(39));
        final ISOMsg again = acquirer.request(repeat(original));
        assertEquals("0110", again.getMTI());
        assertEquals("00", again.getString(39));
        assertEquals(first.getString(38), again.getString(38));
        assertEquals("51", code(authorization("0100", TestSwitch.LOW, 800)), "only 200 left: one hold, not two");
    }

    @Test
    @Order(6)
    void malformedFramesAreAnswered30OrDroppedAndTheConnectionLives() throws Exception
    {
        try (JposAcquirer fresh = JposAcquirer.post(sw.port("post")))
        {
            fresh.signOn();
            final ISOMsg request = authorization("0100", TestSwitch.CARD, 100);
            request.setPackager(fresh.packager());
            final byte[] packed = request.pack();

            final byte[] trailing = java.util.Arrays.copyOf(packed, packed.length + 3);
            fresh.sendFrame(trailing);
            ISOMsg answer = fresh.channel.receive();
            assertEquals("0110", answer.getMTI());
            assertEquals("30", answer.getString(39));
            assertEquals(request.getString(11), answer.getString(11));

            final byte[] badDigit = packed.clone();
            badDigit[packed.length - 1] = (byte)0xAB;  // the last byte is field 52's; corrupt field 49 instead
            final int field49 = indexOf(packed, "818".getBytes(StandardCharsets.US_ASCII));
            badDigit[packed.length - 1] = packed[packed.length - 1];
            badDigit[field49] = (byte)'X';
            fresh.sendFrame(badDigit);
            answer = fresh.channel.receive();
            assertEquals("30", answer.getString(39));
            assertEquals(request.getString(11), answer.getString(11));

            final ISOMsg missing = authorization("0100", TestSwitch.CARD, 100);
            missing.unset(41);
            assertEquals("30", fresh.request(missing).getString(39));

            final ISOMsg unknownType = authorization("0300", TestSwitch.CARD, 100);
            final ISOMsg unknownAnswer = fresh.request(unknownType);
            assertEquals("0310", unknownAnswer.getMTI());
            assertEquals("30", unknownAnswer.getString(39));

            fresh.sendFrame(new byte[]{ 0x12, 0x34, 0x56 });
            fresh.sendFrame(ISOUtil.hex2byte("0000FFFFFFFF"));
            fresh.channel.send(ISOUtil.hex2byte("0000"));  // a zero length: keep-alive, skipped
            assertEquals("00", fresh.request(JposAcquirer.network("301")).getString(39), "alive after garbage");
        }
    }

    @Test
    @Order(7)
    void garbagePastTheErrorBudgetClosesTheConnection() throws Exception
    {
        try (JposAcquirer fresh = JposAcquirer.post(sw.port("post")))
        {
            for (int i = 0; i < Iso8583Limits.ERROR_BUDGET; i++)
            {
                fresh.sendFrame(new byte[]{ (byte)0xFF, 0x01, 0x02 });
            }
            assertEquals("00", fresh.request(JposAcquirer.network("301")).getString(39), "alive at the budget");
            fresh.sendFrame(new byte[]{ (byte)0xFF, 0x01, 0x02 });
            assertThrows(IOException.class, () -> fresh.channel.receive(), "closed past the budget");
        }
    }

    @Test
    @Order(8)
    void asciiChannelWithAsciiBitmap() throws Exception
    {
        try (JposAcquirer ascii = JposAcquirer.ascii(sw.port("ascii")))
        {
            assertEquals("00", ascii.signOn().getString(39));
            final ISOMsg request = authorization("0100", TestSwitch.CARD, 150);
            final ISOMsg response = ascii.request(request);
            assertEquals("0110", response.getMTI());
            assertEquals("00", response.getString(39));
            assertEquals(request.getString(37), response.getString(37));
        }
    }

    @Test
    @Order(9)
    void nacChannelWithTpduGetsItBackSwapped() throws Exception
    {
        try (JposAcquirer nac = JposAcquirer.nac(sw.port("nac"), TPDU))
        {
            final ISOMsg signOn = nac.signOn();
            assertEquals("00", signOn.getString(39));
            assertArrayEquals(new byte[]{ 0x60, 0x00, 0x02, 0x00, 0x01 }, signOn.getHeader());
            final ISOMsg response = nac.request(authorization("0100", TestSwitch.CARD, 175));
            assertEquals("00", response.getString(39));
            assertArrayEquals(new byte[]{ 0x60, 0x00, 0x02, 0x00, 0x01 }, response.getHeader());
        }
    }

    @Test
    @Order(10)
    void aListenerPinnedToParticipantsRefusesOthers() throws Exception
    {
        try (JposAcquirer pinned = JposAcquirer.post(sw.port("pinned")))
        {
            assertEquals("00", pinned.signOn().getString(39));
            assertEquals("03", pinned.request(authorization("0100", TestSwitch.CARD, 100)).getString(39),
                "acquirer 2 on a listener for participant 1");
            final ISOMsg own = authorization("0100", TestSwitch.CARD, 100);
            own.unset(32);
            assertEquals("00", pinned.request(own).getString(39), "field 32 omitted: the one pinned participant");
        }
    }

    @Test
    @Order(100)
    void theJournalHoldsNoPanAndTheLedgerShowsOneHoldPerAuthorization() throws Exception
    {
        acquirer.close();
        acquirer = null;
        sw.close();
        final List<byte[]> entries = new ArrayList<>();
        try (Journal journal = new Journal(new JournalContext().directory(sw.dataDir.resolve("journal"))))
        {
            journal.readRange(1, journal.lastSequence(), (buffer, offset, length, sequence) ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                entries.add(bytes);
            });
            assertTrue(entries.size() > 40);
            for (final String pan : TestSwitch.ALL_PANS)
            {
                final byte[] digits = pan.getBytes(StandardCharsets.US_ASCII);
                for (final byte[] entry : entries)
                {
                    assertEquals(-1, indexOf(entry, digits), "PAN in the journal");
                    assertEquals(-1, indexOf(entry, java.util.Arrays.copyOfRange(digits, 0, 12)), "12 PAN digits in the journal");
                }
            }
            final SwitchCore core = Recovery.replayFromGenesis(TestSwitch.nodeContext(sw.dataDir).coreContext(), journal,
                journal.lastSequence());
            assertEquals(800, core.ledger().debitsPending(TestSwitch.LOW_ACCOUNT), "one hold of 800, not two");
            assertEquals(3_000 + 7_000, core.ledger().debitsPending(TestSwitch.LOW2_ACCOUNT),
                "partial reversal to 3000, full reversal of 6000, then 7000");
        }
    }

    private String code(final ISOMsg request) throws Exception
    {
        final ISOMsg response = acquirer.request(request);
        assertEquals(request.getString(11), response.getString(11));
        return response.getString(39);
    }

    static int indexOf(final byte[] haystack, final byte[] needle)
    {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (haystack[i + j] != needle[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package io.tahweel.gateways.iso8583.issuer;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.PostChannel;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static io.tahweel.gateways.iso8583.issuer.FakeIssuer.mti;
import static io.tahweel.gateways.iso8583.issuer.IssuerTestSwitch.INSTITUTION;
import static io.tahweel.gateways.iso8583.issuer.IssuerTestSwitch.REMOTE;
import static io.tahweel.gateways.iso8583.issuer.IssuerTestSwitch.REMOTE_ISSUER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The switch between a jPOS acquirer (PostChannel + ISO87BPackager) and a jPOS issuer host
 * (ISOServer + PostChannel), over loopback, with a real node: forwarding, the issuer's answers,
 * time-outs and stand-in, advices store-and-forward, late answers, link drops.
 */
class IssuerLinksSystemTest
{
    private static final long WAIT_MS = 10_000;
    private static final String TRANSMISSION = "0612101530";
    private static final AtomicInteger STAN = new AtomicInteger(1);

    @TempDir
    Path dataDir;

    private FakeIssuer issuer;
    private IssuerTestSwitch sw;
    private PostChannel acquirer;

    @AfterEach
    void tearDown() throws IOException
    {
        if (acquirer != null)
        {
            acquirer.disconnect();
        }
        if (sw != null)
        {
            sw.close();
        }
        if (issuer != null)
        {
            issuer.close();
        }
    }

    @Test
    void forwardsToTheIssuerAndPassesItsAnswerThroughWithThePanNeverInTheJournal() throws Exception
    {
        start();
        final ISOMsg request = authorization("0100", 40_00);
        final ISOMsg approved = send(request);
        assertEquals("00", approved.getString(39));
        assertEquals(FakeIssuer.APPROVAL_CODE, approved.getString(38), "the issuer's own approval code");
        assertEquals(request.getString(11), approved.getString(11), "the acquirer's own STAN echoed");
        assertEquals(request.getString(37), approved.getString(37), "the acquirer's own RRN echoed");

        final ISOMsg forwarded = issuer.await(mti("0100"), WAIT_MS);
        assertNotNull(forwarded);
        assertEquals(REMOTE, forwarded.getString(2), "the issuer gets the full PAN");
        assertEquals("2", forwarded.getString(32), "acquiring institution: the acquirer participant");
        assertEquals(INSTITUTION, forwarded.getString(33), "forwarding institution: the switch");
        final long authorizationId = IssuerMessages.authorizationId(forwarded.getString(37));
        assertTrue(authorizationId > 0, "switch RRN is the authorization id");
        assertEquals(IssuerMessages.digits(IssuerMessages.stan(authorizationId), 6), forwarded.getString(11));
        assertEquals("000000004000", forwarded.getString(4));
        assertEquals("TERM0001", forwarded.getString(41));

        issuer.mode = FakeIssuer.Mode.DECLINE_51;
        final ISOMsg declined = send(authorization("0100", 10_00));
        assertEquals("51", declined.getString(39), "the issuer's code passes through");
        assertNull(declined.getString(38));

        issuer.mode = FakeIssuer.Mode.APPROVE;
        assertEquals("00", send(authorization("0200", 5_00)).getString(39));
        assertNotNull(issuer.await(mti("0200"), WAIT_MS), "single message forwarded as 0200");

        sw.close();
        sw = null;
        assertPanNotStored(REMOTE);
    }

    @Test
    void pinBlockTrack2AndPosFieldsPassThroughFromMemoryButNeverReachTheJournalOrAnAdvice() throws Exception
    {
        start();
        final ISOMsg request = withCardholderFields(authorization("0100", 30_00));
        assertEquals("00", send(request).getString(39));
        final ISOMsg forwarded = issuer.await(mti("0100"), WAIT_MS);
        assertNotNull(forwarded);
        assertArrayEquals(PIN_BLOCK, forwarded.getBytes(52), "the PIN block passes through opaque");
        assertEquals(TRACK_2, forwarded.getString(35), "track 2 passes through");
        assertEquals(REMOTE, forwarded.getString(2), "field 2 still from panCipher");
        assertEquals("051", forwarded.getString(22));
        assertEquals("00", forwarded.getString(25));
        assertEquals("101530", forwarded.getString(12));
        assertEquals("0612", forwarded.getString(13));
        assertEquals(String.format("%-40s", CARD_ACCEPTOR), forwarded.getString(43));
        await(() -> sw.gateway.inFlightCount() == 0, "in-flight entry released after the answer");

        // a request whose answer comes from stand-in: its advice is rebuilt from the journal, without 52 or 35
        issuer.mode = FakeIssuer.Mode.SILENT;
        final ISOMsg standIn = withCardholderFields(authorization("0100", 20_00));
        assertEquals("00", send(standIn).getString(39), "stood in");
        final ISOMsg second = issuer.await(m -> "0100".equals(m.getString(0)) &&
            !forwarded.getString(37).equals(m.getString(37)), WAIT_MS);
        assertNotNull(second);
        assertArrayEquals(PIN_BLOCK, second.getBytes(52));
        final ISOMsg advice = issuer.await(mti("0120"), WAIT_MS);
        assertNotNull(advice, "stand-in advice");
        assertEquals(second.getString(37), advice.getString(37));
        assertFalse(advice.hasField(52), "advices carry no PIN block");
        assertFalse(advice.hasField(35), "advices carry no track 2");
        assertEquals(REMOTE, advice.getString(2));

        sw.close();
        sw = null;
        assertNotStored(REMOTE.getBytes(StandardCharsets.US_ASCII));
        assertNotStored(PIN_BLOCK);
        assertNotStored(TRACK_2.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aRepeatWhileTheIssuerIsStillDecidingIsReleasedWithoutAnAnswerOfItsOwn() throws Exception
    {
        start();
        issuer.mode = FakeIssuer.Mode.SILENT; // answered by stand-in at the time-out (300 ms)
        final ISOMsg original = withCardholderFields(authorization("0100", 20_00));
        acquirer.send(original);
        assertNotNull(issuer.await(mti("0100"), WAIT_MS), "forwarded: the original waits for the issuer");
        final ISOMsg repeat = (ISOMsg)original.clone();
        repeat.setMTI("0101");
        acquirer.send(repeat);

        final ISOMsg answer = acquirer.receive();
        assertEquals("0110", answer.getMTI());
        assertEquals(original.getString(11), answer.getString(11));
        assertEquals("00", answer.getString(39), "the original's (stand-in) answer");
        await(() -> sw.gateway.inFlightCount() == 0, "the repeat's in-flight entry released too");

        // nothing else is on its way: the next frame the acquirer gets is the answer to an echo
        final ISOMsg echo = new ISOMsg("0800");
        echo.set(7, TRANSMISSION);
        echo.set(11, stan(STAN.getAndIncrement()));
        echo.set(70, "301");
        assertEquals("0810", send(echo).getMTI(), "no second answer for the repeat");
        assertEquals(1, issuer.received().stream()
            .filter(m -> m.getString(0).startsWith("010")).count(), "the repeat is not forwarded again");
    }

    @Test
    void timeOutStandsInAndTheAdviceIsDeliveredWhenTheLinkReturnsUntilAcknowledged() throws Exception
    {
        start();
        issuer.mode = FakeIssuer.Mode.SILENT;
        issuer.acknowledgeAdvices = false;
        final long sent = System.nanoTime();
        final ISOMsg standIn = send(authorization("0100", 90_00));
        final long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        assertEquals("00", standIn.getString(39), "approved by stand-in within the limits");
        assertTrue(waitedMs >= IssuerTestSwitch.STAND_IN_TIMEOUT_MS - 20, "answered at the time-out: " + waitedMs);
        final ISOMsg forwarded = issuer.await(mti("0100"), WAIT_MS);
        final String rrn = forwarded.getString(37);
        final long authorizationId = IssuerMessages.authorizationId(rrn);

        final ISOMsg advice = issuer.await(mti("0120"), WAIT_MS);
        assertNotNull(advice, "stand-in advice sent");
        assertEquals(rrn, advice.getString(37));
        assertEquals("00", advice.getString(39));
        assertEquals("000000009000", advice.getString(4));
        assertEquals(REMOTE, advice.getString(2), "advices carry the PAN decrypted from the journal");
        assertEquals(42, advice.getString(90).length());
        assertTrue(advice.getString(90).startsWith("0100" + forwarded.getString(11)));

        final int port = issuer.port;
        issuer.close();
        issuer.dropConnection();
        await(() -> !sw.issuers.isSignedOn(REMOTE_ISSUER), "link down after the issuer went away");
        issuer = FakeIssuer.start(port);
        await(() -> sw.issuers.isSignedOn(REMOTE_ISSUER), "link back with sign-on");
        final ISOMsg retry = issuer.await(mti("0121"), WAIT_MS);
        assertNotNull(retry, "the advice is retried as a repeat once the link is back");
        assertEquals(rrn, retry.getString(37));
        await(() -> acknowledged(authorizationId), "the issuer's 0130 journaled as StoreAndForwardAcknowledged");
    }

    @Test
    void beyondTheStandInLimitDeclines91AndALateIssuerApprovalIsReversedToTheIssuer() throws Exception
    {
        start();
        issuer.mode = FakeIssuer.Mode.LATE_APPROVE;
        issuer.lateMs = 700;
        final ISOMsg declined = send(authorization("0100", IssuerTestSwitch.STAND_IN_MAX + 1));
        assertEquals("91", declined.getString(39), "over the stand-in limit");
        final ISOMsg forwarded = issuer.await(mti("0100"), WAIT_MS);

        final ISOMsg reversal = issuer.await(mti("0420"), WAIT_MS);
        assertNotNull(reversal, "the late approval is reversed to the issuer");
        assertEquals(forwarded.getString(37), reversal.getString(37));
        assertEquals(forwarded.getString(2), reversal.getString(2));
        assertEquals("0100" + forwarded.getString(11) + forwarded.getString(7) + "00000000002" + "00000" + INSTITUTION,
            reversal.getString(90));
        assertNull(reversal.getString(95), "full reversal");
        final long authorizationId = IssuerMessages.authorizationId(forwarded.getString(37));
        await(() -> acknowledged(authorizationId), "0430 journaled as acknowledged");
    }

    @Test
    void anAnswerThatDoesNotMatchIsDroppedAndTheCoreStandsInAtItsTimeOut() throws Exception
    {
        start();
        issuer.mode = FakeIssuer.Mode.WRONG_STAN;
        final long sent = System.nanoTime();
        final ISOMsg standIn = send(authorization("0100", 7_00));
        final long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        assertEquals("00", standIn.getString(39), "stood in: the issuer's answer was dropped as malformed");
        assertTrue(waitedMs >= IssuerTestSwitch.STAND_IN_TIMEOUT_MS - 20, "answered at the time-out: " + waitedMs);
        assertTrue(sw.issuers.isSignedOn(REMOTE_ISSUER), "a malformed answer does not drop the link");
        issuer.mode = FakeIssuer.Mode.DECLINE_51;
        assertEquals("51", send(authorization("0100", 7_00)).getString(39), "the next answer passes through");
    }

    @Test
    void linkDropReconnectsAndSignsOnAgain() throws Exception
    {
        start();
        assertEquals(1, sw.issuers.signOns(REMOTE_ISSUER));
        issuer.dropConnection();
        await(() -> sw.issuers.signOns(REMOTE_ISSUER) == 2 && sw.issuers.isSignedOn(REMOTE_ISSUER),
            "signed on again after the drop");
        assertEquals(2, issuer.received().stream()
            .filter(m -> "0800".equals(m.getString(0)) && "001".equals(m.getString(70))).count());
        assertEquals("00", send(authorization("0100", 1_00)).getString(39), "forwarding works on the new link");
        assertTrue(linkStatuses().contains(0), "the drop was journaled");
    }

    @Test
    void anUnansweredEchoDropsTheLink() throws Exception
    {
        start();
        issuer.answerEchoes = false;
        await(() -> sw.issuers.signOns(REMOTE_ISSUER) >= 2, "dropped after a silent echo interval, then signed on again");
        assertTrue(issuer.received().stream().anyMatch(m -> "301".equals(m.getString(70))), "echoes were sent");
    }

    private void start() throws Exception
    {
        issuer = FakeIssuer.start(freePort());
        sw = IssuerTestSwitch.start(dataDir, issuer.port);
        await(() -> sw.issuers.isSignedOn(REMOTE_ISSUER), "issuer link signed on");
        acquirer = new PostChannel("127.0.0.1", sw.acquirerPort(), new ISO87BPackager());
        acquirer.setTimeout((int)WAIT_MS);
        acquirer.connect();
        final ISOMsg signOn = new ISOMsg("0800");
        signOn.set(7, TRANSMISSION);
        signOn.set(11, stan(STAN.getAndIncrement()));
        signOn.set(70, "001");
        assertEquals("00", send(signOn).getString(39));
    }

    private ISOMsg send(final ISOMsg msg) throws IOException, ISOException
    {
        acquirer.send(msg);
        return acquirer.receive();
    }

    private static ISOMsg authorization(final String mti, final long amount) throws ISOException
    {
        final int stan = STAN.getAndIncrement();
        final ISOMsg msg = new ISOMsg(mti);
        msg.set(2, REMOTE);
        msg.set(3, "000000");
        msg.set(4, String.format("%012d", amount));
        msg.set(7, TRANSMISSION);
        msg.set(11, stan(stan));
        msg.set(14, "2812");
        msg.set(32, "2");
        msg.set(37, String.format("RRN%09d", stan));
        msg.set(41, "TERM0001");
        msg.set(42, "MERCHANT0000001");
        msg.set(49, "818");
        return msg;
    }

    private static final byte[] PIN_BLOCK = { 0x12, 0x34, 0x56, 0x78, (byte)0x9A, (byte)0xBC, (byte)0xDE, (byte)0xF1 };
    private static final String TRACK_2 = REMOTE + "=28121015432198765";
    private static final String CARD_ACCEPTOR = "NILE GROCERY           CAIRO        EG";

    /** Adds what a card-present terminal sends and the journal does not keep. */
    private static ISOMsg withCardholderFields(final ISOMsg msg)
    {
        msg.set(12, "101530");
        msg.set(13, "0612");
        msg.set(22, "051");
        msg.set(25, "00");
        msg.set(35, TRACK_2);
        msg.set(43, String.format("%-40s", CARD_ACCEPTOR));
        msg.set(52, PIN_BLOCK.clone());
        return msg;
    }

    private static String stan(final int stan)
    {
        return String.format("%06d", stan);
    }

    private boolean acknowledged(final long authorizationId)
    {
        return sw.events.acknowledged.contains(authorizationId);
    }

    private List<Integer> linkStatuses()
    {
        return sw.events.linkStatuses;
    }

    /** Scans every byte the node wrote (journal, snapshots) for the PAN's digits. */
    private void assertPanNotStored(final String pan) throws IOException
    {
        assertNotStored(pan.getBytes(StandardCharsets.US_ASCII));
    }

    /** Scans every byte the node wrote (journal, snapshots) for {@code needle}. */
    private void assertNotStored(final byte[] needle) throws IOException
    {
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDir))
        {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty());
        boolean sawJournal = false;
        for (final Path file : files)
        {
            sawJournal |= file.toString().endsWith(".cq4");
            assertFalse(contains(Files.readAllBytes(file), needle), "card data in clear in " + file);
        }
        assertTrue(sawJournal, "the journal was scanned");
    }

    private static boolean contains(final byte[] haystack, final byte[] needle)
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
            return true;
        }
        return false;
    }

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("timed out waiting: " + what);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}

package io.tahweel.tools.cli;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.pipeline.PipelineContext;
import io.tahweel.engine.recovery.Recovery;
import io.tahweel.engine.replication.FailoverContext;
import io.tahweel.engine.replication.FailoverNode;
import io.tahweel.engine.replication.ReplicationMode;
import io.tahweel.gateways.admin.BootstrapParser;
import io.tahweel.gateways.card.PanCipher;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalContext;
import io.tahweel.journal.replication.ReplicationContext;
import io.tahweel.tools.Tahweel;
import io.tahweel.tools.demo.DemoData;
import io.tahweel.tools.load.LoadGenerator;
import io.tahweel.tools.load.LoadRun;
import org.jpos.core.SimpleConfiguration;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.PostChannel;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ReplicatedStack} end to end in one process: two stacks replicating in SYNC over UDP on loopback,
 * each with its own ISO 8583 port and admin interface. The primary answers 0200s from the load generator;
 * the standby's port is closed. An operator {@code POST /promote} on the standby moves the role: the new
 * primary's port answers (repeats with their original answers, new work approved), the old primary's port
 * no longer answers, and the new primary's live settlement view follows its answers. A second promotion moves
 * everything back (the listener restarts on the same port), and both journals, replayed with {@link Recovery},
 * end in the same state.
 */
class ReplicatedStackTest
{
    private static final long TIMEOUT_MS = 60_000;
    private static final int CARDS = 20;
    private static final CoreContext CORE = new CoreContext().participantCapacity(16).routeCapacity(64)
        .accountCapacity(1024).cardCapacity(256).transferCapacity(16 * 1024).authorizationCapacity(16 * 1024);

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();
    private ReplicatedStack a;
    private ReplicatedStack b;

    @AfterEach
    void stop()
    {
        // standbys first, or they would promote themselves once the primary is gone
        for (final ReplicatedStack stack : new ReplicatedStack[]{a, b})
        {
            if (null != stack && stack.failover() != null && stack.failover().role() != FailoverNode.Role.PRIMARY)
            {
                stack.close();
            }
        }
        for (final ReplicatedStack stack : new ReplicatedStack[]{a, b})
        {
            if (null != stack)
            {
                stack.close();
            }
        }
    }

    @Test
    void primaryServesIso8583AndAnOperatorPromotionMovesTheGatewayToTheStandby() throws Exception
    {
        final Path dirA = dir.resolve("a");
        final Path dirB = dir.resolve("b");
        final DemoData data = new DemoData(CARDS);
        final int isoA = tcp();
        final int isoB = tcp();
        startPair(dirA, dirB, data, isoA, isoB);
        assertTrue(a.isServing(), "a primary serves from the start");
        assertEquals(isoA, a.iso8583Port());
        assertFalse(b.isServing());
        assertEquals(-1, b.iso8583Port());
        assertFalse(answers(isoB), "a standby serves no acquirer");

        await(() -> "true".equals(field(status(a), "standbyAlive")), "a to see its standby");
        final String statusB = status(b);
        assertEquals("STANDBY", field(statusB, "role"), statusB);

        // The primary answers over ISO 8583 (SYNC: each answer only once b journaled it).
        final LoadRun.Result first;
        try (LoadGenerator generator = new LoadGenerator("127.0.0.1", isoA, 2, data.activeFundedPans(),
            DemoData.ACQUIRER, "0200"))
        {
            first = generator.run(300, 1.0);
        }
        assertEquals(300, first.sent());
        assertEquals(300, first.answered(), "every request answered: " + first.responseCodes());
        assertEquals(300L, first.responseCodes().get("00"), "all approved: " + first.responseCodes());
        final long aLast = a.failover().primary().lastOutputSequence();
        await(() -> String.valueOf(aLast).equals(field(status(a), "sequence")), "a's live settlement view to see " + aLast);

        // The operator promotes b through its admin interface.
        final HttpResponse<String> promoted = post(b, "/promote");
        assertEquals(200, promoted.statusCode(), promoted.body());
        assertEquals("true", field(promoted.body(), "completed"), promoted.body());
        assertEquals("PRIMARY", field(promoted.body(), "role"), promoted.body());
        assertEquals("2", field(promoted.body(), "epoch"), promoted.body());
        assertTrue(b.isServing(), "the promoted node serves");
        assertEquals(isoB, b.iso8583Port());
        await(() -> !a.isServing(), "a to stop its gateway on step-down");
        assertFalse(answers(isoA), "the old primary's ISO 8583 port no longer answers");
        await(() -> "STANDBY".equals(field(status(a), "role")), "a to step down and follow b");
        await(() -> "true".equals(field(status(b), "standbyAlive")), "b to see a as its standby (SYNC takes work)");

        try (LoadGenerator generator = new LoadGenerator("127.0.0.1", isoB, 2, data.activeFundedPans(),
            DemoData.ACQUIRER, "0200"))
        {
            // The same frames again (same STANs and field 7): repeats, answered by the new primary.
            final LoadRun.Result repeats = generator.run(200, 1.0);
            assertEquals(200, repeats.answered(), "repeats answered: " + repeats.responseCodes());
            final LoadRun.Result fresh = generator.run(200, 1.0);
            assertEquals(200, fresh.answered(), "every request answered: " + fresh.responseCodes());
            assertEquals(200L, fresh.responseCodes().get("00"), "all approved: " + fresh.responseCodes());
        }
        assertFalse(answers(isoA), "still nothing on the old primary's port");
        final long bLast = b.failover().primary().lastOutputSequence();
        await(() -> String.valueOf(bLast).equals(field(status(b), "sequence")),
            "b's live settlement view (primed from its journal at promotion) to see " + bLast);
        assertTrue(bLast > aLast + 200, "new work journaled on b: " + aLast + " -> " + bLast);

        // Failback: promote a again; its listener comes back on the same port, b's closes.
        final HttpResponse<String> failback = post(a, "/promote");
        assertEquals(200, failback.statusCode(), failback.body());
        assertEquals("true", field(failback.body(), "completed"), failback.body());
        assertEquals("3", field(failback.body(), "epoch"), failback.body());
        assertTrue(a.isServing());
        await(() -> !b.isServing(), "b to stop its gateway on step-down");
        assertFalse(answers(isoB), "the demoted node's ISO 8583 port no longer answers");
        await(() -> "STANDBY".equals(field(status(b), "role")), "b to step down and follow a");
        await(() -> "true".equals(field(status(a), "standbyAlive")), "a to see b as its standby");
        try (LoadGenerator generator = new LoadGenerator("127.0.0.1", isoA, 1, data.activeFundedPans(),
            DemoData.ACQUIRER, "0200"))
        {
            generator.run(50, 0.2); // 10 repeats of the first run's first frames (answered, not counted)
            final LoadRun.Result again = generator.run(200, 0.5);
            assertEquals(100L, again.responseCodes().get("00"), "all approved: " + again.responseCodes());
        }
        final long last = a.failover().primary().lastOutputSequence();
        await(() -> String.valueOf(last).equals(field(status(a), "sequence")),
            "a's live settlement view, rebuilt at its second promotion, to see " + last);

        // State converges: b applies all of a's entries; the journals replay to the same state.
        await(() -> b.failover().standby() != null && b.failover().standby().standbyCore().appliedSequence() >= last,
            "b to apply " + last);
        assertNull(a.failover().failure());
        assertNull(b.failover().failure());
        b.close(); // the standby first, or it would promote itself once the primary is gone
        a.close();
        try (Journal aJournal = new Journal(new JournalContext().directory(dirA.resolve("journal")).readOnly(true));
            Journal bJournal = new Journal(new JournalContext().directory(dirB.resolve("journal")).readOnly(true)))
        {
            final long end = aJournal.lastSequence();
            assertTrue(end >= last);
            assertEquals(end, bJournal.lastSequence(), "both journals end at the same sequence");
            final SwitchCore aCore = Recovery.replayFromGenesis(CORE, aJournal, end);
            assertEquals(aCore.stateHash(), Recovery.replayFromGenesis(CORE, bJournal, end).stateHash(),
                "both nodes end in the same state");
        }
    }

    @Test
    void aJposClientWithAnAlternateHostFollowsThePrimaryRoleAndGetsItsOriginalAnswerOnRetransmission() throws Exception
    {
        final DemoData data = new DemoData(CARDS);
        final int isoA = tcp();
        final int isoB = tcp();
        startPair(dir.resolve("a"), dir.resolve("b"), data, isoA, isoB);
        await(() -> "true".equals(field(status(a), "standbyAlive")), "a to see its standby");

        // jPOS's own channel, configured as an acquirer host would be: the primary, and the standby as alternate.
        final PostChannel channel = new PostChannel(new ISO87BPackager());
        final SimpleConfiguration cfg = new SimpleConfiguration();
        cfg.put("host", "127.0.0.1");
        cfg.put("port", Integer.toString(isoA));
        cfg.put("alternate-host", "127.0.0.1");
        cfg.put("alternate-port", Integer.toString(isoB));
        cfg.put("timeout", "10000");
        channel.setConfiguration(cfg);
        channel.connect();
        assertEquals(isoA, channel.getSocket().getPort(), "connected to the primary first");
        assertEquals("00", exchange(channel, signOn()).getString(39));
        final ISOMsg purchase = purchase(data.activeFundedPans()[0], "0200", 1);
        final ISOMsg original = exchange(channel, purchase);
        assertEquals("00", original.getString(39));
        final String approvalCode = original.getString(38);

        // The operator promotes b; a steps down and closes its listener; the client's connection goes with it.
        assertEquals(200, post(b, "/promote").statusCode());
        await(() -> !a.isServing(), "a to stop its gateway");
        await(b::isServing, "b to open its gateway");
        assertEquals(isoB, b.iso8583Port());
        channel.disconnect();
        channel.connect();  // jPOS tries the host, then the alternate
        assertEquals(isoB, channel.getSocket().getPort(), "the client moved to the new primary");
        assertEquals("00", exchange(channel, signOn()).getString(39));
        await(() -> "true".equals(field(status(b), "standbyAlive")), "b to see a as its standby (SYNC takes work)");

        final ISOMsg repeat = (ISOMsg)purchase.clone();
        repeat.setMTI("0201");
        final ISOMsg again = exchange(channel, repeat);
        assertEquals("00", again.getString(39), "a retransmission gets the original answer");
        assertEquals(approvalCode, again.getString(38), "with the original approval code: not a second approval");
        final ISOMsg next = exchange(channel, purchase(data.activeFundedPans()[1], "0200", 2));
        assertEquals("00", next.getString(39));
        assertFalse(approvalCode.equals(next.getString(38)), "a new request is a new approval");
        channel.disconnect();
    }

    private static ISOMsg signOn() throws ISOException
    {
        final ISOMsg msg = new ISOMsg("0800");
        msg.set(7, "1203080000");
        msg.set(11, "000900");
        msg.set(70, "001");
        return msg;
    }

    private static ISOMsg purchase(final String pan, final String mti, final int stan) throws ISOException
    {
        final ISOMsg msg = new ISOMsg(mti);
        msg.set(2, pan);
        msg.set(3, "000000");
        msg.set(4, "000000001500");
        msg.set(7, "1203080000");
        msg.set(11, String.format("%06d", stan));
        msg.set(12, "080000");
        msg.set(13, "1203");
        msg.set(18, "5411");
        msg.set(22, "051");
        msg.set(25, "00");
        msg.set(32, Integer.toString(DemoData.ACQUIRER));
        msg.set(37, String.format("%012d", 770_000 + stan));
        msg.set(41, "JPOSTERM");
        msg.set(42, "JPOSMERCHANT001");
        msg.set(49, "818");
        return msg;
    }

    private static ISOMsg exchange(final PostChannel channel, final ISOMsg request) throws IOException, ISOException
    {
        channel.send(request);
        return channel.receive();
    }

    /** Node a started as primary, b as standby, with the same keys, replicating over UDP on loopback. */
    private void startPair(final Path dirA, final Path dirB, final DemoData data, final int isoA, final int isoB)
        throws Exception
    {
        shareKeys(dirA, dirB);
        final String aEntries = udp();
        final String aAcks = udp();
        final String bEntries = udp();
        final String bAcks = udp();
        a = ReplicatedStack.start(options(dirA, data, isoA), replication(1, FailoverContext.StartRole.PRIMARY)
            .local(aEntries, aAcks).peer(bEntries, bAcks));
        b = ReplicatedStack.start(options(dirB, data, isoB), replication(2, FailoverContext.StartRole.STANDBY)
            .local(bEntries, bAcks).peer(aEntries, aAcks));
    }

    /** The same tokenization and PAN keys on both nodes, as docs/operations.md requires. */
    private static void shareKeys(final Path dirA, final Path dirB) throws IOException
    {
        NodeLauncher.tokenizer(dirA);
        PanCipher.loadOrGenerate(PanCipher.keyFile(dirA));
        Files.createDirectories(dirB.resolve("keys"));
        try (var keys = Files.list(dirA.resolve("keys")))
        {
            for (final Path key : (Iterable<Path>)keys::iterator)
            {
                Files.copy(key, dirB.resolve("keys").resolve(key.getFileName()));
            }
        }
    }

    @Test
    void replicationOptionsAreCheckedBeforeAnythingStarts()
    {
        final Run orphan = run("node", "--data-dir", dir.resolve("x").toString(), "--replication", "sync");
        assertEquals(2, orphan.exitCode, orphan.err);
        assertTrue(orphan.err.contains("need --role"), orphan.err);
        final Run noChannels = run("node", "--data-dir", dir.resolve("x").toString(), "--role", "primary",
            "--node-id", "1");
        assertEquals(2, noChannels.exitCode, noChannels.err);
        assertTrue(noChannels.err.contains("--replication-entries"), noChannels.err);
        final Run solo = run("node", "--data-dir", dir.resolve("x").toString(), "--role", "primary",
            "--replication", "solo", "--node-id", "1", "--replication-entries", "aeron:udp?endpoint=localhost:1",
            "--replication-acks", "aeron:udp?endpoint=localhost:2", "--peer-entries", "aeron:udp?endpoint=localhost:3",
            "--peer-acks", "aeron:udp?endpoint=localhost:4");
        assertEquals(2, solo.exitCode, solo.err);
        assertTrue(solo.err.contains("--replication must be sync or async"), solo.err);

        final NodeCommand command = new NodeCommand();
        new CommandLine(command).parseArgs("--role", "standby", "--replication", "async", "--node-id", "2",
            "--replication-entries", "aeron:udp?endpoint=10.0.0.2:7101", "--replication-acks",
            "aeron:udp?endpoint=10.0.0.2:7102", "--peer-entries", "aeron:udp?endpoint=10.0.0.1:7101",
            "--peer-acks", "aeron:udp?endpoint=10.0.0.1:7102");
        final ReplicatedStack.Replication settings = command.replicationSettings();
        assertEquals(FailoverContext.StartRole.STANDBY, settings.role);
        assertEquals(ReplicationMode.ASYNC, settings.mode);
        assertEquals(2, settings.nodeId);
        assertEquals("aeron:udp?endpoint=10.0.0.2:7101", settings.localEntryChannel);
        assertEquals("aeron:udp?endpoint=10.0.0.1:7102", settings.peerAckChannel);
        assertFalse(settings.automaticPromotion, "no automatic promotion in ASYNC unless asked for");
        assertEquals(FailoverContext.AfterPromotion.HOLD_FOR_STANDBY, settings.afterPromotion, "the default");

        final NodeCommand serving = new NodeCommand();
        new CommandLine(serving).parseArgs("--role", "standby", "--node-id", "2", "--after-promotion", "serve",
            "--replication-entries", "aeron:udp?endpoint=10.0.0.2:7101", "--replication-acks",
            "aeron:udp?endpoint=10.0.0.2:7102", "--peer-entries", "aeron:udp?endpoint=10.0.0.1:7101",
            "--peer-acks", "aeron:udp?endpoint=10.0.0.1:7102");
        assertEquals(FailoverContext.AfterPromotion.SERVE_ALONE, serving.replicationSettings().afterPromotion);
        final NodeCommand wrong = new NodeCommand();
        new CommandLine(wrong).parseArgs("--role", "standby", "--node-id", "2", "--after-promotion", "maybe",
            "--replication-entries", "aeron:udp?endpoint=10.0.0.2:7101", "--replication-acks",
            "aeron:udp?endpoint=10.0.0.2:7102", "--peer-entries", "aeron:udp?endpoint=10.0.0.1:7101",
            "--peer-acks", "aeron:udp?endpoint=10.0.0.1:7102");
        assertTrue(assertThrows(IllegalArgumentException.class, wrong::replicationSettings).getMessage()
            .contains("--after-promotion must be hold or serve"));
        final Run orphanPolicy = run("node", "--data-dir", dir.resolve("x").toString(), "--after-promotion", "serve");
        assertEquals(2, orphanPolicy.exitCode, orphanPolicy.err);
        assertThrows(IllegalArgumentException.class, () -> new ReplicatedStack.Replication().mode(ReplicationMode.SOLO));
    }

    private static SwitchStack.Options options(final Path dataDirectory, final DemoData data, final int isoPort)
        throws Exception
    {
        return new SwitchStack.Options()
            .dataDirectory(dataDirectory)
            .genesis(new BootstrapParser(NodeLauncher.tokenizer(dataDirectory), "test")
                .parse("test-bootstrap", new StringReader(data.bootstrap())))
            .coreContext(CORE)
            .pipelineContext(new PipelineContext().name("node-" + dataDirectory.getFileName()).waitStrategy("sleeping")
                .snapshotInterval(0))
            .tickIntervalMs(0)
            .iso8583("127.0.0.1", isoPort)
            .adminPort(0);
    }

    private static ReplicatedStack.Replication replication(final int nodeId, final FailoverContext.StartRole role)
    {
        return new ReplicatedStack.Replication()
            .role(role)
            .mode(ReplicationMode.SYNC)
            .nodeId(nodeId)
            .checkpointInterval(64)
            .timings(new ReplicationContext().lossThresholdNs(TimeUnit.MILLISECONDS.toNanos(500)));
    }

    /** Whether something accepts a TCP connection on the port. */
    private static boolean answers(final int port)
    {
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        }
        catch (final ConnectException ex)
        {
            return false;
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private String status(final ReplicatedStack stack)
    {
        try
        {
            final HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + stack.adminPort() + "/status")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return response.body();
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    private HttpResponse<String> post(final ReplicatedStack stack, final String path) throws Exception
    {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.adminPort() + path))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A member of a flat JSON object, unquoted; "" when absent. */
    private static String field(final String json, final String name)
    {
        final Matcher m = Pattern.compile("\"" + name + "\":(\"([^\"]*)\"|[^,}]+)").matcher(json);
        return m.find() ? (null != m.group(2) ? m.group(2) : m.group(1).trim()) : "";
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static String udp() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return "aeron:udp?endpoint=localhost:" + socket.getLocalPort();
        }
    }

    private static int tcp() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private record Run(int exitCode, String out, String err)
    {
    }

    private static synchronized Run run(final String... args)
    {
        final PrintStream originalOut = System.out;
        final PrintStream originalErr = System.err;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try
        {
            final int exitCode = new CommandLine(new Tahweel()).execute(args);
            return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}

package io.tahweel.tools.cli;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.node.NodeContext;
import io.tahweel.engine.replication.FailoverContext;
import io.tahweel.engine.replication.FailoverNode;
import io.tahweel.engine.replication.ReplicationMode;
import io.tahweel.gateways.admin.AdminHttpServer;
import io.tahweel.gateways.admin.BootstrapParser;
import io.tahweel.gateways.admin.EncodedCommand;
import io.tahweel.gateways.card.PanTokenizer;
import io.tahweel.journal.replication.ReplicationContext;
import io.tahweel.tools.Tahweel;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's hot-standby commands end to end in one process: two {@link FailoverNode}s replicating
 * in SYNC over UDP on loopback, each with an admin interface over {@link FailoverRoles}, driven with a
 * real HTTP client and with {@code tahweel status|promote|demote}. Checks the status fields, the 409s
 * for requests the role does not allow, 400 for malformed ones, an operator switchover (promote the
 * standby: the old primary steps down and follows) and a failback through {@code demote} (the other
 * side, hearing no primary, promotes itself).
 */
class HotStandbyAdminTest
{
    private static final long TIMEOUT_MS = 30_000;
    private static final CoreContext CORE = new CoreContext().participantCapacity(16).routeCapacity(64)
        .accountCapacity(1024).cardCapacity(64).transferCapacity(1024).authorizationCapacity(1024);

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();
    private FailoverNode a;
    private FailoverNode b;
    private AdminHttpServer adminA;
    private AdminHttpServer adminB;

    @AfterEach
    void stop()
    {
        closeQuietly(adminA);
        closeQuietly(adminB);
        // standbys first, or they would promote themselves once the primary is gone
        for (final FailoverNode node : new FailoverNode[]{a, b})
        {
            if (null != node && node.role() != FailoverNode.Role.PRIMARY)
            {
                node.close();
            }
        }
        for (final FailoverNode node : new FailoverNode[]{a, b})
        {
            if (null != node)
            {
                node.close();
            }
        }
    }

    @Test
    void statusPromoteAndDemoteOverHttpAndTheCommandLine() throws Exception
    {
        final PanTokenizer tokenizer = PanTokenizer.loadOrGenerate(dir.resolve("tokenization.key"));
        genesis = new ArrayList<>();
        for (final EncodedCommand command : new BootstrapParser(tokenizer, "test").parse("test", new StringReader(BOOTSTRAP)))
        {
            genesis.add(command.bytes());
        }
        final String aEntries = udp();
        final String aAcks = udp();
        final String bEntries = udp();
        final String bAcks = udp();
        a = FailoverNode.start(context(1, "a", FailoverContext.StartRole.PRIMARY, aEntries, aAcks, bEntries, bAcks));
        b = FailoverNode.start(context(2, "b", FailoverContext.StartRole.STANDBY, bEntries, bAcks, aEntries, aAcks));
        adminA = admin(a);
        adminB = admin(b);
        final String urlA = "http://127.0.0.1:" + adminA.port();
        final String urlB = "http://127.0.0.1:" + adminB.port();

        // Status: the primary sees its standby, the standby its primary.
        await(() -> status(adminA).contains("\"standbyAlive\":true"), "a to see its standby");
        await(() -> status(adminB).contains("\"primaryAlive\":true"), "b to hear its primary");
        final String statusA = status(adminA);
        assertEquals("PRIMARY", field(statusA, "role"), statusA);
        assertEquals("1", field(statusA, "epoch"), statusA);
        assertEquals("SYNC", field(statusA, "replicationMode"), statusA);
        assertEquals("null", field(statusA, "primaryAlive"), statusA);
        assertEquals("false", field(statusA, "fenced"), statusA);
        final String statusB = status(adminB);
        assertEquals("STANDBY", field(statusB, "role"), statusB);
        assertEquals("null", field(statusB, "standbyAlive"), statusB);
        assertTrue(Long.parseLong(field(statusA, "journalSequence")) >= 7, "the genesis is journaled: " + statusA);
        await(() -> field(status(adminA), "journalSequence").equals(field(status(adminB), "journalSequence")),
            "b to journal a's genesis");

        // What the roles do not allow: 409 with a JSON reason; malformed requests: 400; wrong method: 405.
        final HttpResponse<String> promotePrimary = send(adminA, "POST", "/promote");
        assertEquals(409, promotePrimary.statusCode());
        assertTrue(promotePrimary.body().startsWith("{\"error\":\"this node is PRIMARY"), promotePrimary.body());
        final HttpResponse<String> demoteStandby = send(adminB, "POST", "/demote");
        assertEquals(409, demoteStandby.statusCode());
        assertTrue(demoteStandby.body().startsWith("{\"error\":\"this node is STANDBY"), demoteStandby.body());
        assertEquals(400, send(adminB, "POST", "/promote?force=true").statusCode());
        assertEquals(405, send(adminB, "GET", "/promote").statusCode());
        final HttpResponse<String> closeOnStandby = send(adminB, "POST", "/settlement/close");
        assertEquals(409, closeOnStandby.statusCode(), closeOnStandby.body());
        assertEquals(409, send(adminB, "POST", "/mode?to=solo").statusCode(), "only a primary has a mode to switch");
        assertEquals(400, send(adminA, "POST", "/mode?to=fast").statusCode());
        assertEquals(405, send(adminA, "GET", "/mode?to=solo").statusCode());
        final HttpResponse<String> solo = send(adminA, "POST", "/mode?to=solo");
        assertEquals(200, solo.statusCode(), solo.body());
        assertEquals("SOLO", field(solo.body(), "replicationMode"), solo.body());
        assertEquals(0, run("mode", "sync", "--admin", "http://127.0.0.1:" + adminA.port()).exitCode,
            "the operator switches back to SYNC from the command line");
        assertEquals("SYNC", field(status(adminA), "replicationMode"));
        assertEquals(FailoverNode.Role.PRIMARY, a.role(), "refusals change nothing");
        assertEquals(FailoverNode.Role.STANDBY, b.role(), "refusals change nothing");

        // The command line: status, a refused promote, then a switchover.
        final Run status = run("status", "--admin", urlB);
        assertEquals(0, status.exitCode, status.err);
        assertTrue(status.out.matches("(?s).*role\\s+STANDBY.*"), status.out);
        final Run refused = run("promote", "--admin", urlA);
        assertEquals(1, refused.exitCode, refused.out);
        assertTrue(refused.err.contains("HTTP 409") && refused.err.contains("only a STANDBY"), refused.err);
        final Run unreachable = run("status", "--admin", "http://127.0.0.1:1");
        assertEquals(2, unreachable.exitCode, unreachable.err);

        final Run promote = run("promote", "--admin", urlB, "--json");
        assertEquals(0, promote.exitCode, promote.err);
        assertEquals("true", field(promote.out, "completed"), promote.out);
        assertEquals("PRIMARY", field(promote.out, "role"), promote.out);
        assertEquals("2", field(promote.out, "epoch"), promote.out);
        await(() -> "STANDBY".equals(field(status(adminA), "role")), "a to step down and follow b");
        final String followed = status(adminA);
        assertEquals("2", field(followed, "epoch"), followed);
        assertEquals("1", field(followed, "stepDowns"), followed);
        assertEquals("0", field(followed, "lastDiscardedEntries"), followed);
        await(() -> "true".equals(field(status(adminB), "standbyAlive")), "b to see a as its standby");
        await(() -> field(status(adminB), "journalSequence").equals(field(status(adminA), "journalSequence")),
            "a to journal b's EpochStart");
        assertTrue(Long.parseLong(field(status(adminB), "journalSequence")) >
            Long.parseLong(field(statusA, "journalSequence")), "the EpochStart is journaled");

        // Failback: b steps down on demand; a, hearing no primary, promotes itself and b follows it.
        final Run demote = run("demote", "--admin", urlB);
        assertEquals(0, demote.exitCode, demote.err);
        assertTrue(demote.out.matches("(?s).*completed\\s+true.*"), demote.out);
        await(() -> a.role() == FailoverNode.Role.PRIMARY && b.role() == FailoverNode.Role.STANDBY,
            "a to take over again and b to follow");
        final String failedBack = status(adminA);
        assertEquals("3", field(failedBack, "epoch"), failedBack);
        assertEquals("1", field(failedBack, "promotions"), failedBack);
        assertEquals("null", field(failedBack, "failure"), failedBack);
        assertEquals("null", field(status(adminB), "failure"));
    }

    private static final String BOOTSTRAP = String.join("\n",
        "currency code=818 minor-units=2",
        "participant id=1 name=NILE_BANK roles=issuer,acquirer issuing=hosted hold-timeout=7d",
        "account id=9001 participant=1 currency=818 kind=settlement",
        "account id=9900 participant=1 currency=818 kind=fee",
        "account id=9999 participant=1 currency=818 kind=operator",
        "settlement currency=818 central-account=9999 fee-account=9900 interchange-bps=50 acquirer-fee=10 issuer-fee=10",
        "window id=1", "");

    private List<byte[]> genesis;

    private FailoverContext context(final int nodeId, final String name, final FailoverContext.StartRole role,
        final String localEntries, final String localAcks, final String peerEntries, final String peerAcks)
    {
        final NodeContext node = new NodeContext()
            .dataDirectory(dir.resolve(name))
            .clock(new SystemEpochNanoClock())
            .tickIntervalMs(0)
            .coreContext(CORE)
            .replicationMode(ReplicationMode.SYNC)
            .checkpointInterval(64);
        node.pipelineContext().name("node-" + name).fatalHandler(ex -> { });
        return new FailoverContext()
            .node(node)
            .genesis(genesis)
            .startRole(role)
            .nodeId(nodeId)
            .localEntryChannel(localEntries)
            .localAckChannel(localAcks)
            .peerEntryChannel(peerEntries)
            .peerAckChannel(peerAcks)
            .timings(new ReplicationContext().lossThresholdNs(TimeUnit.MILLISECONDS.toNanos(500)));
    }

    private static AdminHttpServer admin(final FailoverNode node) throws Exception
    {
        return new AdminHttpServer(0, () -> null == node.primary() ? null : node.primary().publisher(), null,
            new FailoverRoles(node, ReplicationMode.SYNC, FailoverRoles.DEFAULT_WAIT_MS));
    }

    private String status(final AdminHttpServer server)
    {
        try
        {
            final HttpResponse<String> response = send(server, "GET", "/status");
            assertEquals(200, response.statusCode(), response.body());
            return response.body();
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    private HttpResponse<String> send(final AdminHttpServer server, final String method, final String path)
        throws Exception
    {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
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

    private static String udp() throws SocketException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return "aeron:udp?endpoint=localhost:" + socket.getLocalPort();
        }
    }

    private static void closeQuietly(final AutoCloseable closeable)
    {
        try
        {
            if (null != closeable)
            {
                closeable.close();
            }
        }
        catch (final Exception ignored)
        {
            // best effort in teardown
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
            System.out.flush();
            return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}

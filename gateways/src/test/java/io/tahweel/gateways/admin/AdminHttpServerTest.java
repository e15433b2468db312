package io.tahweel.gateways.admin;

import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.node.NodeContext;
import io.tahweel.engine.node.SwitchNode;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.engine.pipeline.PipelineContext;
import io.tahweel.gateways.card.PanTokenizer;
import io.tahweel.gateways.iso8583.AcquirerLatency;
import io.tahweel.sbe.AdminResult;
import io.tahweel.sbe.CloseSettlementWindowDecoder;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin interface against a real node: cut-offs are journaled, answered and refused as they should be. */
class AdminHttpServerTest
{
    private static final String BOOTSTRAP = String.join("\n",
        "currency code=818 minor-units=2",
        "participant id=1 name=NILE_BANK roles=issuer,acquirer issuing=hosted hold-timeout=7d",
        "account id=9001 participant=1 currency=818 kind=settlement",
        "account id=9900 participant=1 currency=818 kind=fee",
        "account id=9999 participant=1 currency=818 kind=operator",
        "settlement currency=818 central-account=9999 fee-account=9900 interchange-bps=50 acquirer-fee=10 issuer-fee=10",
        "window id=1", "");

    @TempDir
    Path dir;

    private final AtomicLong openWindow = new AtomicLong(1);
    private final HttpClient client = HttpClient.newHttpClient();
    private SwitchNode node;
    private AdminHttpServer server;

    @BeforeEach
    void start() throws Exception
    {
        final PanTokenizer tokenizer = PanTokenizer.loadOrGenerate(dir.resolve("tokenization.key"));
        final List<byte[]> genesis = new ArrayList<>();
        for (final EncodedCommand command : new BootstrapParser(tokenizer, "test").parse("test", new StringReader(BOOTSTRAP)))
        {
            genesis.add(command.bytes());
        }
        node = SwitchNode.start(new NodeContext().dataDirectory(dir.resolve("node")).tickIntervalMs(0)
            .pipelineContext(new PipelineContext().name("admin-test")).clock(new SystemEpochNanoClock())
            .outcomeListener(slot ->
            {
                followWindow(slot);
                AdminReply.LISTENER.onOutcome(slot);
            }), genesis);
        server = new AdminHttpServer(0, node.publisher(), new SettlementReports()
        {
            @Override
            public long lastSequence()
            {
                return node.lastOutputSequence();
            }

            @Override
            public long openWindowId()
            {
                return openWindow.get();
            }

            @Override
            public String closedWindowJson(final long windowId)
            {
                return "{\"window\":" + windowId + "}";
            }
        });
    }

    private void followWindow(final CommandSlot slot)
    {
        if (slot.rejection() == CommandSlot.ACCEPTED && slot.outcome().type() == Outcome.ADMIN &&
            slot.outcome().result() == AdminResult.OK.value() &&
            slot.buffer().getShort(2) == CloseSettlementWindowDecoder.TEMPLATE_ID)
        {
            openWindow.incrementAndGet();
        }
    }

    @AfterEach
    void stop()
    {
        server.close();
        node.close();
    }

    @Test
    void closeJournalsACutOffAndAnswersWithThePositions() throws Exception
    {
        final HttpResponse<String> closed = send("POST", "/settlement/close?operator=ops-alice");
        assertEquals(200, closed.statusCode(), closed.body());
        assertTrue(closed.body().startsWith("{\"closedWindow\":1,\"cutOffSequence\":"), closed.body());
        assertTrue(closed.body().contains("\"report\":{\"window\":1}"), closed.body());
        final HttpResponse<String> status = send("GET", "/status");
        assertEquals(200, status.statusCode());
        assertTrue(status.body().contains("\"openWindow\":2"), status.body());

        final HttpResponse<String> again = send("POST", "/settlement/close?window=1");
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("WINDOW_NOT_OPEN"), again.body());
    }

    @Test
    void statusReportsTheGatewaysTimePerAnswerSinceThePreviousStatus() throws Exception
    {
        final AcquirerLatency latency = new AcquirerLatency();
        server.latency(latency);
        final long now = System.nanoTime();
        latency.record(now - 150_000);
        latency.record(now - 300_000);
        latency.record(now - 2_000_000);

        final String first = send("GET", "/status").body();
        assertTrue(first.contains("\"iso8583Answers\":3,\"iso8583P50Us\":"), first);
        final java.util.regex.Matcher max = java.util.regex.Pattern.compile("\"iso8583MaxUs\":(\\d+)").matcher(first);
        assertTrue(max.find(), first);
        final long maxUs = Long.parseLong(max.group(1));
        assertTrue(maxUs >= 2_000 && maxUs < 60_000_000, first);
        final String second = send("GET", "/status").body();
        assertTrue(second.contains("\"iso8583Answers\":0,"), "an interval per status: " + second);
    }

    @Test
    void badRequestsGetAJsonReason() throws Exception
    {
        assertEquals(400, send("POST", "/settlement/close?window=one").statusCode());
        assertEquals(400, send("POST", "/settlement/close?operator=").statusCode());
        assertEquals(405, send("GET", "/settlement/close").statusCode());
        final HttpResponse<String> unknown = send("GET", "/nothing");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().startsWith("{\"error\":"), unknown.body());
        assertEquals(1, openWindow.get(), "nothing was closed");
    }

    @Test
    void aSoloNodeHasNoRolesToChange() throws Exception
    {
        assertEquals(404, send("POST", "/promote").statusCode());
        assertEquals(404, send("POST", "/demote").statusCode());
        final HttpResponse<String> status = send("GET", "/status");
        assertTrue(status.body().startsWith("{\"sequence\":") && !status.body().contains("role"), status.body());
    }

    /** A replicated node: status merges the roles' members; promote/demote answer 200, 409, 400, 405. */
    @Test
    void rolesAreReportedAndChangedThroughTheInterface() throws Exception
    {
        final String[] role = {"STANDBY"};
        final NodeRoles roles = new NodeRoles()
        {
            @Override
            public String statusJson()
            {
                return "{\"role\":\"" + role[0] + "\",\"epoch\":3}";
            }

            @Override
            public String promote()
            {
                if (!"STANDBY".equals(role[0]))
                {
                    throw new Refused("this node is " + role[0] + ": only a standby can be promoted");
                }
                role[0] = "PRIMARY";
                return statusJson();
            }

            @Override
            public String demote()
            {
                if (!"PRIMARY".equals(role[0]))
                {
                    throw new Refused("this node is " + role[0] + ": only a primary can step down");
                }
                role[0] = "STANDBY";
                return statusJson();
            }
        };
        try (AdminHttpServer replicated = new AdminHttpServer(0, () -> null, null, roles))
        {
            final HttpResponse<String> status = send(replicated, "GET", "/status");
            assertEquals(200, status.statusCode());
            assertEquals("{\"role\":\"STANDBY\",\"epoch\":3}\n", status.body());
            final HttpResponse<String> demote = send(replicated, "POST", "/demote");
            assertEquals(409, demote.statusCode());
            assertTrue(demote.body().startsWith("{\"error\":\"this node is STANDBY"), demote.body());
            assertEquals(400, send(replicated, "POST", "/promote?force=yes").statusCode());
            assertEquals(405, send(replicated, "GET", "/promote").statusCode());
            assertEquals("STANDBY", role[0], "refused and bad requests change nothing");
            final HttpResponse<String> promote = send(replicated, "POST", "/promote");
            assertEquals(200, promote.statusCode(), promote.body());
            assertTrue(promote.body().contains("\"role\":\"PRIMARY\""), promote.body());
            assertEquals(409, send(replicated, "POST", "/promote").statusCode());
            final HttpResponse<String> close = send(replicated, "POST", "/settlement/close");
            assertEquals(409, close.statusCode(), "no ring: not primary");
        }
        final HttpResponse<String> merged;
        try (AdminHttpServer both = new AdminHttpServer(0, node::publisher, new SettlementReports()
        {
            @Override
            public long lastSequence()
            {
                return 42;
            }

            @Override
            public long openWindowId()
            {
                return 1;
            }

            @Override
            public String closedWindowJson(final long windowId)
            {
                return null;
            }
        }, roles))
        {
            merged = send(both, "GET", "/status");
        }
        assertEquals("{\"sequence\":42,\"openWindow\":1,\"role\":\"PRIMARY\",\"epoch\":3}\n", merged.body());
    }

    private HttpResponse<String> send(final String method, final String path) throws Exception
    {
        return send(server, method, path);
    }

    private HttpResponse<String> send(final AdminHttpServer target, final String method, final String path)
        throws Exception
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}

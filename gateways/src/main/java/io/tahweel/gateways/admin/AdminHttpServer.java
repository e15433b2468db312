package io.tahweel.gateways.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.pipeline.CommandPublisher;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.gateways.iso8583.AcquirerLatency;
import io.tahweel.sbe.AdminResult;
import io.tahweel.sbe.CloseSettlementWindowEncoder;
import io.tahweel.sbe.MessageHeaderEncoder;
import io.tahweel.sbe.Source;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The operator's admin interface: a small HTTP/JSON server on loopback only, one thread, for
 * commands that are rare and operator-driven (the JDK's built-in server is enough at this rate).
 * Every change it makes is a journaled command published into the node's ring like any other,
 * so it is replayed, audited and replicated like any other.
 * <ul>
 *   <li>{@code POST /settlement/close[?window=N][&operator=ID]}: cut-off. Publishes
 *       {@code CloseSettlementWindow} for the open window (or N), waits for the core's answer and
 *       returns the closed window's net positions from the node's live settlement view.</li>
 *   <li>{@code GET /status}: the node's last answered sequence and open window; with {@link NodeRoles}
 *       (a replicated node) also its role, epoch, replication mode, peer liveness and journal sequence;
 *       with the ISO 8583 gateway's {@link AcquirerLatency}, {@code iso8583Answers} and
 *       {@code iso8583P50Us}/{@code P99Us}/{@code P999Us}/{@code MaxUs}: the answers since the previous
 *       {@code GET /status} and their time inside the switch, for a monitor that polls it.</li>
 *   <li>{@code POST /promote}, {@code POST /demote} (only with {@link NodeRoles}): operator promotion of a
 *       standby, step-down of a primary; 409 with the reason when the node's role does not allow it.</li>
 * </ul>
 * Errors are JSON {@code {"error": "..."}}: 400 for a malformed request, 404/405 for an unknown
 * path or method, 409 when the core refuses (window not open) or the role does not allow the request
 * (including a cut-off on a node that is not primary), 503/504 when the node cannot answer.
 */
public final class AdminHttpServer implements AutoCloseable
{
    public static final int DEFAULT_PORT = 7070;
    public static final String DEFAULT_OPERATOR = "admin-http";
    private static final int MAX_OPERATOR_LENGTH = 64;
    private static final long ANSWER_TIMEOUT_SECONDS = 10;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<CommandPublisher> publisher;
    private final SettlementReports reports;
    private final NodeRoles roles;
    private final CloseSettlementWindowEncoder closeWindow = new CloseSettlementWindowEncoder();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final AtomicLong correlationIds = new AtomicLong();
    private volatile AcquirerLatency latency;

    /** Binds 127.0.0.1:{@code port} (0 picks a free port) and starts serving. */
    public AdminHttpServer(final int port, final CommandPublisher publisher, final SettlementReports reports)
        throws IOException
    {
        this(port, () -> publisher, reports, null);
    }

    /**
     * Binds 127.0.0.1:{@code port} (0 picks a free port) and starts serving a node that may change role.
     *
     * @param publisher the ring of the running primary, or null while this node is not primary
     *                  (a cut-off is then refused with 409).
     * @param reports   live settlement views, or null when there are none (status then shows no
     *                  sequence or window, and a cut-off is refused with 409).
     * @param roles     the node's replication roles, or null for a solo node (no /promote, /demote).
     */
    public AdminHttpServer(final int port, final Supplier<CommandPublisher> publisher, final SettlementReports reports,
        final NodeRoles roles) throws IOException
    {
        this.publisher = publisher;
        this.reports = reports;
        this.roles = roles;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "tahweel-admin-http"));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port()
    {
        return server.getAddress().getPort();
    }

    /** Reports the ISO 8583 gateway's own time per answer in {@code GET /status} (since the previous one). */
    public AdminHttpServer latency(final AcquirerLatency latency)
    {
        this.latency = latency;
        return this;
    }

    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        try
        {
            final String path = exchange.getRequestURI().getPath();
            final String method = exchange.getRequestMethod();
            if ("/status".equals(path))
            {
                if (!"GET".equals(method))
                {
                    reply(exchange, 405, error("use GET /status"));
                    return;
                }
                reply(exchange, 200, status());
            }
            else if ("/promote".equals(path) || "/demote".equals(path))
            {
                roleChange(exchange, method, path);
            }
            else if ("/mode".equals(path))
            {
                modeChange(exchange, method);
            }
            else if ("/settlement/close".equals(path))
            {
                if (!"POST".equals(method))
                {
                    reply(exchange, 405, error("use POST /settlement/close"));
                    return;
                }
                close(exchange);
            }
            else
            {
                reply(exchange, 404, error("no such resource: " + path + " (GET /status, POST /settlement/close" +
                    (null == roles ? ")" : ", POST /promote, POST /demote, POST /mode?to=solo|async|sync)")));
            }
        }
        catch (final RuntimeException ex)
        {
            reply(exchange, 500, error("internal error: " + ex));
        }
        finally
        {
            exchange.close();
        }
    }

    private String status()
    {
        final StringBuilder json = new StringBuilder(256).append('{');
        if (null != reports)
        {
            json.append("\"sequence\":").append(reports.lastSequence())
                .append(",\"openWindow\":").append(reports.openWindowId());
        }
        if (null != roles)
        {
            final String members = members(roles.statusJson());
            if (!members.isEmpty())
            {
                json.append(json.length() > 1 ? "," : "").append(members);
            }
        }
        final AcquirerLatency gatewayLatency = latency;
        if (null != gatewayLatency)
        {
            final Histogram answers = gatewayLatency.interval();
            // flat members, like the rest of the status (tahweel status prints one line per member)
            json.append(json.length() > 1 ? "," : "")
                .append("\"iso8583Answers\":").append(answers.getTotalCount())
                .append(",\"iso8583P50Us\":").append(micros(answers.getValueAtPercentile(50)))
                .append(",\"iso8583P99Us\":").append(micros(answers.getValueAtPercentile(99)))
                .append(",\"iso8583P999Us\":").append(micros(answers.getValueAtPercentile(99.9)))
                .append(",\"iso8583MaxUs\":").append(micros(answers.getMaxValue()));
        }
        return json.append('}').toString();
    }

    private static long micros(final long nanos)
    {
        return TimeUnit.NANOSECONDS.toMicros(nanos);
    }

    /** The members of a JSON object, without its braces. */
    private static String members(final String object)
    {
        final String trimmed = object.trim();
        if (trimmed.length() < 2 || trimmed.charAt(0) != '{' || trimmed.charAt(trimmed.length() - 1) != '}')
        {
            throw new IllegalStateException("node roles status is not a JSON object: " + object);
        }
        return trimmed.substring(1, trimmed.length() - 1).trim();
    }

    private void roleChange(final HttpExchange exchange, final String method, final String path) throws IOException
    {
        if (null == roles)
        {
            reply(exchange, 404, error("this node does not replicate (solo): no " + path));
            return;
        }
        if (!"POST".equals(method))
        {
            reply(exchange, 405, error("use POST " + path));
            return;
        }
        final String query = exchange.getRequestURI().getRawQuery();
        if (null != query && !query.isEmpty())
        {
            reply(exchange, 400, error(path + " takes no parameters, was given: " + query));
            return;
        }
        if (exchange.getRequestBody().read() >= 0)
        {
            reply(exchange, 400, error(path + " takes no request body"));
            return;
        }
        try
        {
            reply(exchange, 200, "/promote".equals(path) ? roles.promote() : roles.demote());
        }
        catch (final NodeRoles.Refused ex)
        {
            reply(exchange, 409, error(ex.getMessage()));
        }
    }

    /** {@code POST /mode?to=solo|async|sync}: the operator's switch of a primary's replication mode. */
    private void modeChange(final HttpExchange exchange, final String method) throws IOException
    {
        if (null == roles)
        {
            reply(exchange, 404, error("this node does not replicate (solo): no /mode"));
            return;
        }
        if (!"POST".equals(method))
        {
            reply(exchange, 405, error("use POST /mode?to=solo|async|sync"));
            return;
        }
        final String query = exchange.getRequestURI().getRawQuery();
        final String mode = null == query || !query.startsWith("to=") ? "" : query.substring(3);
        if (!"solo".equals(mode) && !"async".equals(mode) && !"sync".equals(mode))
        {
            reply(exchange, 400, error("POST /mode needs to=solo, to=async or to=sync; was given: " + query));
            return;
        }
        try
        {
            reply(exchange, 200, roles.mode(mode));
        }
        catch (final NodeRoles.Refused ex)
        {
            reply(exchange, 409, error(ex.getMessage()));
        }
    }

    private void close(final HttpExchange exchange) throws IOException
    {
        final CommandPublisher ring = publisher.get();
        if (null == ring || null == reports)
        {
            reply(exchange, 409, error("this node is not primary: close the window on the primary"));
            return;
        }
        final String windowText = query(exchange.getRequestURI(), "window");
        final String operatorText = query(exchange.getRequestURI(), "operator");
        final String operator = operatorText == null ? DEFAULT_OPERATOR : operatorText;
        if (!isPrintableAscii(operator) || operator.isEmpty() || operator.length() > MAX_OPERATOR_LENGTH)
        {
            reply(exchange, 400, error("operator must be 1.." + MAX_OPERATOR_LENGTH + " printable ASCII characters"));
            return;
        }
        final long windowId;
        try
        {
            windowId = windowText == null ? reports.openWindowId() : Long.parseLong(windowText);
        }
        catch (final NumberFormatException ex)
        {
            reply(exchange, 400, error("window must be a number: " + windowText));
            return;
        }
        if (windowId <= 0)
        {
            reply(exchange, 409, error("no settlement window is open"));
            return;
        }
        final AdminReply.Answer answer;
        try
        {
            answer = publishClose(ring, windowId, operator).future.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final TimeoutException ex)
        {
            reply(exchange, 504, error("the node did not answer within " + ANSWER_TIMEOUT_SECONDS + " s"));
            return;
        }
        catch (final InterruptedException | ExecutionException ex)
        {
            reply(exchange, 503, error("interrupted waiting for the node"));
            return;
        }
        if (answer.rejection() != CommandSlot.ACCEPTED)
        {
            reply(exchange, 503, error("the node refused the command (rejection " + answer.rejection() + ")"));
            return;
        }
        if (answer.outcomeType() != Outcome.ADMIN || answer.result() != AdminResult.OK.value())
        {
            reply(exchange, 409, error("window " + windowId + " was not closed: " + adminResult(answer.result())));
            return;
        }
        final String positions = reports.closedWindowJson(windowId);
        reply(exchange, 200, "{\"closedWindow\":" + windowId + ",\"cutOffSequence\":" + answer.sequence() +
            ",\"report\":" + (positions == null ? "null" : positions) + "}");
    }

    /** Claims a slot, encodes the cut-off in place, attaches the reply and publishes; admin thread only. */
    private AdminReply publishClose(final CommandPublisher publisher, final long windowId, final String operator)
    {
        final AdminReply reply = new AdminReply();
        final CommandSlot slot = publisher.claim();
        try
        {
            closeWindow.wrapAndApplyHeader(slot.buffer(), 0, header);
            closeWindow.header().source(Source.ADMIN).correlationId(correlationIds.incrementAndGet()).connectionId(0);
            closeWindow.windowId(windowId).operatorId(operator);
            slot.length(MessageHeaderEncoder.ENCODED_LENGTH + closeWindow.encodedLength());
            slot.attachment(reply);
        }
        finally
        {
            publisher.publish(slot);
        }
        return reply;
    }

    private static String adminResult(final int result)
    {
        try
        {
            return AdminResult.get(result).name();
        }
        catch (final IllegalArgumentException ex)
        {
            return "result " + result;
        }
    }

    private static String query(final URI uri, final String name)
    {
        final String query = uri.getRawQuery();
        if (query == null)
        {
            return null;
        }
        for (final String pair : query.split("&"))
        {
            final int eq = pair.indexOf('=');
            final String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name))
            {
                return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static boolean isPrintableAscii(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e)
            {
                return false;
            }
        }
        return true;
    }

    /** {@code {"error":"..."}} with the reason escaped. */
    static String error(final String reason)
    {
        final StringBuilder json = new StringBuilder(reason.length() + 16).append("{\"error\":\"");
        for (int i = 0; i < reason.length(); i++)
        {
            final char c = reason.charAt(i);
            if (c == '"' || c == '\\')
            {
                json.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                json.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                json.append(c);
            }
        }
        return json.append("\"}").toString();
    }

    private static void reply(final HttpExchange exchange, final int status, final String json) throws IOException
    {
        final byte[] body = (json + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(body);
        }
    }
}

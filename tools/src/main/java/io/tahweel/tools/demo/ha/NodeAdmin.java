package io.tahweel.tools.demo.ha;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A node's admin interface on loopback, as {@code tahweel status} and {@code tahweel mode} use it. */
final class NodeAdmin
{
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final int port;

    NodeAdmin(final int port)
    {
        this.port = port;
    }

    String url()
    {
        return "http://127.0.0.1:" + port;
    }

    /** {@code GET /status}, or null while the node does not answer (starting, or dead). */
    String statusOrNull() throws InterruptedException
    {
        try
        {
            final HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url() + "/status")).GET());
            return response.statusCode() == 200 ? response.body() : null;
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /** {@code POST path}; the body on HTTP 200, else an {@link IllegalStateException} with the node's reason. */
    String post(final String path) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url() + path))
            .POST(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() != 200)
        {
            throw new IllegalStateException("POST " + url() + path + " refused (HTTP " + response.statusCode() + "): " +
                response.body());
        }
        return response.body();
    }

    private HttpResponse<String> send(final HttpRequest.Builder request) throws IOException, InterruptedException
    {
        return client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A member of a flat JSON object, unquoted; "" when absent or when {@code json} is null. */
    static String field(final String json, final String name)
    {
        if (json == null)
        {
            return "";
        }
        final Matcher m = Pattern.compile("\"" + name + "\":(\"([^\"]*)\"|[^,}]+)").matcher(json);
        return m.find() ? (null != m.group(2) ? m.group(2) : m.group(1).trim()) : "";
    }
}

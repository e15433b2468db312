package io.tahweel.tools.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One request to a node's admin interface, printed for the operator; shared by status, promote and demote. */
final class AdminCall
{
    private static final Pattern MEMBER = Pattern.compile("\"(\\w+)\":(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}]+)");

    private AdminCall()
    {
    }

    /**
     * @return 0 on HTTP 200 (the answer printed), 1 when the node refused (reason on stderr), 2 when
     * the admin interface cannot be reached.
     */
    static int run(final String command, final String admin, final String method, final String path,
        final boolean json, final PrintStream out, final PrintStream err) throws InterruptedException
    {
        final HttpResponse<String> response;
        try
        {
            final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            final URI uri = URI.create(admin.replaceAll("/+$", "") + path);
            response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            err.println("tahweel " + command + ": cannot reach the node's admin interface at " + admin + ": " + ex);
            return 2;
        }
        final String body = response.body().trim();
        if (response.statusCode() != 200)
        {
            err.println("tahweel " + command + ": the node refused (HTTP " + response.statusCode() + "): " + body);
            return 1;
        }
        if (json)
        {
            out.println(body);
        }
        else
        {
            print(body, out);
        }
        return 0;
    }

    /** One {@code name: value} line per member of a flat JSON object. */
    static void print(final String body, final PrintStream out)
    {
        final Matcher member = MEMBER.matcher(body);
        while (member.find())
        {
            String value = member.group(2).trim();
            if (value.length() >= 2 && value.startsWith("\""))
            {
                value = value.substring(1, value.length() - 1);
            }
            out.printf("%-22s %s%n", member.group(1), value);
        }
    }
}

package io.tahweel.tools.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code tahweel settle}: cut-off on a running node through its admin interface. */
@Command(name = "settle", mixinStandardHelpOptions = true,
    description = {
        "Closes the open settlement window of a running node (tahweel node) through its admin interface:",
        "the node journals a CloseSettlementWindow, posts the net positions to the ledger and opens the",
        "next window. Prints the closed window's net positions."})
public final class SettleCommand implements Callable<Integer>
{
    private static final Pattern CURRENCY = Pattern.compile("\\{\"currency\":(\\d+),\"posted\":(\\w+),\"feesCollected\":(-?\\d+)");
    private static final Pattern POSITION = Pattern.compile(
        "\\{\"participant\":(\\d+),\"transactions\":(\\d+),\"debits\":(\\d+),\"credits\":(\\d+),\"feesPaid\":(\\d+)," +
        "\"feesReceived\":(\\d+),\"net\":(-?\\d+)}");

    @Option(names = "--admin", paramLabel = "URL", defaultValue = "http://127.0.0.1:7070",
        description = "The node's admin interface. Default: ${DEFAULT-VALUE}.")
    String admin;

    @Option(names = "--operator", defaultValue = "${sys:user.name:-operator}",
        description = "Operator identity journaled with the cut-off (audit). Default: your user name.")
    String operator;

    @Option(names = "--json", description = "Print the node's JSON answer as it is.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException
    {
        final PrintStream out = System.out;
        final HttpResponse<String> response;
        try
        {
            final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            final URI uri = URI.create(admin.replaceAll("/+$", "") + "/settlement/close?operator=" +
                URLEncoder.encode(operator, StandardCharsets.UTF_8));
            response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            System.err.println("tahweel settle: cannot reach the node's admin interface at " + admin + ": " + ex);
            return 2;
        }
        if (response.statusCode() != 200)
        {
            System.err.println("tahweel settle: the node refused (HTTP " + response.statusCode() + "): " +
                response.body().trim());
            return 1;
        }
        if (json)
        {
            out.println(response.body().trim());
            return 0;
        }
        print(response.body(), out);
        return 0;
    }

    /** A table of the closed window's positions, from the node's JSON answer. */
    static void print(final String body, final PrintStream out)
    {
        final Matcher window = Pattern.compile("\"closedWindow\":(\\d+),\"cutOffSequence\":(\\d+)").matcher(body);
        if (window.find())
        {
            out.printf("window %s closed at sequence %s%n", window.group(1), window.group(2));
        }
        final Matcher currency = CURRENCY.matcher(body);
        int start = 0;
        while (currency.find(start))
        {
            final int next = currency.end();
            final Matcher following = CURRENCY.matcher(body);
            final int end = following.find(next) ? following.start() : body.length();
            out.printf("currency %s (%s): switch fees collected %,d%n", currency.group(1),
                "true".equals(currency.group(2)) ? "posted to the ledger" : "no fee schedule: not posted",
                Long.parseLong(currency.group(3)));
            out.printf("  %-12s %12s %16s %16s %12s %12s %16s%n", "participant", "transactions", "debits", "credits",
                "fees paid", "fees recv", "net");
            final Matcher p = POSITION.matcher(body).region(next, end);
            while (p.find())
            {
                out.printf("  %-12s %,12d %,16d %,16d %,12d %,12d %,16d%n", p.group(1), Long.parseLong(p.group(2)),
                    Long.parseLong(p.group(3)), Long.parseLong(p.group(4)), Long.parseLong(p.group(5)),
                    Long.parseLong(p.group(6)), Long.parseLong(p.group(7)));
            }
            start = end;
            if (end >= body.length())
            {
                break;
            }
        }
    }
}

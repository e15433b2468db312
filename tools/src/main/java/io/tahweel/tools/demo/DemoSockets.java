package io.tahweel.tools.demo;

import io.tahweel.tools.load.LoadGenerator;
import io.tahweel.tools.load.LoadRun;

import java.io.PrintStream;

/**
 * The demo's socket phase: simulated acquirers send ISO 8583 financials (0200) over TCP at a
 * fixed rate, for cards of the hosted issuer (decided in the core) and of the remote issuer
 * (forwarded over the issuer link to a simulated issuer host), printing throughput and latency
 * every second while it runs.
 */
public final class DemoSockets
{
    private static final int CONNECTIONS = 4;
    /** One request in five is for a remote issuer's card. */
    private static final int REMOTE_EVERY = 5;

    private final int port;
    private final DemoData data;
    private final int rate;
    private final int seconds;

    public DemoSockets(final int port, final DemoData data, final int rate, final int seconds)
    {
        this.port = port;
        this.data = data;
        this.rate = rate;
        this.seconds = seconds;
    }

    public void run(final PrintStream out) throws InterruptedException
    {
        out.printf("iso 8583:         %d acquirer connections over TCP, %,d requests/s for %d s " +
            "(1 in %d for the remote issuer)%n", CONNECTIONS, rate, seconds, REMOTE_EVERY);
        long answered = 0;
        try (LoadGenerator acquirers = new LoadGenerator("127.0.0.1", port, CONNECTIONS, mixedPans(),
            DemoData.ACQUIRER, "0200"))
        {
            for (int second = 1; second <= seconds; second++)
            {
                final LoadRun.Result result = acquirers.run(rate, 1.0);
                answered += result.answered();
                out.printf("  [%d/%d] ", second, seconds);
                LoadGenerator.print(result, out);
            }
        }
        out.printf("iso 8583:         %,d answered over TCP%n", answered);
    }

    private String[] mixedPans()
    {
        final String[] onUs = data.activeFundedPans();
        final String[] remote = data.remotePans();
        final String[] mixed = new String[onUs.length + onUs.length / (REMOTE_EVERY - 1)];
        int o = 0;
        int r = 0;
        for (int i = 0; i < mixed.length; i++)
        {
            mixed[i] = i % REMOTE_EVERY == REMOTE_EVERY - 1 ? remote[r++ % remote.length] : onUs[o++ % onUs.length];
        }
        return mixed;
    }
}

package io.tahweel.tools.cli;

import io.tahweel.engine.pipeline.WaitStrategies;
import io.tahweel.tools.demo.DemoData;
import io.tahweel.tools.load.LoadGenerator;
import io.tahweel.tools.load.LoadTargets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code tahweel load}: open-loop ISO 8583 load at a fixed offered rate, latency into HdrHistogram. */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = {
        "Drives ISO 8583 authorizations over TCP from N acquirer connections at a fixed offered rate (open loop:",
        "latency is measured from each request's intended send time, so stalls are not hidden) and prints",
        "offered vs achieved rate, p50/p99/p99.9/max and the response-code mix. By default it starts a switch",
        "in this process (demo cards, ISO 8583 gateway on loopback) and also prints the switch's own time per",
        "answer (frame read to answer written); --target drives a running switch instead, --baseline drives",
        "an echo host running the gateway's codec, to measure what the client and sockets cost on their own."})
public final class LoadCommand implements Callable<Integer>
{
    @Option(names = "--target", paramLabel = "HOST:PORT", description = "A running switch's ISO 8583 acquirer port.")
    String target;

    @Option(names = "--baseline", description = "Drive the in-process echo host instead of a switch.")
    boolean baseline;

    @Option(names = "--via-issuer",
        description = "Use cards of a remote issuer: the embedded switch forwards them over an issuer link to a simulated issuer.")
    boolean viaIssuer;

    @Option(names = "--connections", defaultValue = "4", description = "Acquirer connections. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--rate", defaultValue = "5000", description = "Offered requests/s. Default: ${DEFAULT-VALUE}.")
    int rate;

    @Option(names = "--duration", defaultValue = "10", description = "Seconds per run. Default: ${DEFAULT-VALUE}.")
    double duration;

    @Option(names = "--warmup", defaultValue = "5", description = "Warm-up seconds at the first rate, not reported. Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(names = "--step", description = "Raise the rate through --rates until p99.9 exceeds --p999-bound-us.")
    boolean step;

    @Option(names = "--rates", split = ",", defaultValue = "5000,10000,20000,30000,40000,50000,60000,80000",
        description = "Rates for --step. Default: ${DEFAULT-VALUE}.")
    int[] rates;

    @Option(names = "--p999-bound-us", defaultValue = "2000", description = "Step bound on p99.9, us. Default: ${DEFAULT-VALUE}.")
    long p999BoundMicros;

    @Option(names = "--message", defaultValue = "0200",
        description = "0200 (financial; steady state) or 0100 (authorization; leaves holds). Default: ${DEFAULT-VALUE}.")
    String mti;

    @Option(names = "--acquirer", defaultValue = "2", description = "Field 32, the acquirer participant id. Default: ${DEFAULT-VALUE}.")
    int acquirer;

    @Option(names = "--cards", defaultValue = "2000", description = "Demo cards to issue and use (embedded switch). Default: ${DEFAULT-VALUE}.")
    int cards;

    @Option(names = "--wait-strategy", defaultValue = WaitStrategies.DEFAULT,
        description = "Embedded switch's ring wait strategy. Default: ${DEFAULT-VALUE}.")
    String waitStrategy;

    @Option(names = "--hgrm", paramLabel = "FILE", description = "Write the (last) run's histogram, in us, to this file.")
    Path hgrm;

    @Override
    public Integer call() throws Exception
    {
        if (!"0100".equals(mti) && !"0200".equals(mti))
        {
            System.err.println("tahweel load: --message must be 0100 or 0200");
            return 2;
        }
        try (LoadTargets.Target where = LoadTargets.open(target, baseline, cards, waitStrategy, viaIssuer);
             LoadGenerator generator = new LoadGenerator(where.host(), where.port(), connections,
                 where.pans(new DemoData(cards)), acquirer, mti))
        {
            generator.inside(where.insideLatency());
            System.out.printf("tahweel load: %s, %d connections, %s, %s%n", where.description(), connections, mti,
                step ? "step " + Arrays.toString(rates) : rate + "/s");
            if (warmup > 0)
            {
                generator.run(step ? rates[0] : rate, warmup);
            }
            final long bound = TimeUnit.MICROSECONDS.toNanos(p999BoundMicros);
            final List<io.tahweel.tools.load.LoadRun.Result> results = step ?
                generator.step(rates, duration, bound, System.out) : List.of(generator.run(rate, duration));
            if (!step)
            {
                LoadGenerator.print(results.get(0), System.out);
            }
            else
            {
                results.stream().filter(r -> LoadGenerator.isWithin(r, bound))
                    .mapToInt(io.tahweel.tools.load.LoadRun.Result::offeredRate).max()
                    .ifPresentOrElse(
                        best -> System.out.printf("highest sustained rate with p99.9 <= %d us: %,d/s%n", p999BoundMicros, best),
                        () -> System.out.printf("no step stayed within p99.9 <= %d us%n", p999BoundMicros));
            }
            if (hgrm != null)
            {
                LoadGenerator.writeHgrm(results.get(results.size() - 1), hgrm);
                System.out.println("histogram written to " + hgrm);
            }
        }
        return 0;
    }
}

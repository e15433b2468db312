package io.tahweel.tools.cli;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.node.SwitchNode;
import io.tahweel.engine.pipeline.CommandPublisher;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.engine.pipeline.PipelineContext;
import io.tahweel.engine.pipeline.WaitStrategies;
import io.tahweel.gateways.admin.EncodedCommand;
import io.tahweel.gateways.card.PanTokenizer;
import io.tahweel.replay.verify.JournalVerifier;
import io.tahweel.replay.view.WindowPositions;
import io.tahweel.sbe.CloseSettlementWindowEncoder;
import io.tahweel.sbe.MessageHeaderEncoder;
import io.tahweel.sbe.Source;
import io.tahweel.gateways.iso8583.issuer.IssuerLinkConfig;
import io.tahweel.tools.demo.DemoData;
import io.tahweel.tools.demo.DemoSockets;
import io.tahweel.tools.load.EchoHost;
import io.tahweel.tools.demo.DemoStats;
import io.tahweel.tools.demo.DemoTraffic;
import io.tahweel.tools.demo.ha.FailoverDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * {@code tahweel demo}: a node on embedded defaults, driven with mixed card traffic, then
 * verified by replay. Leaves the journal behind for {@code journal dump} and {@code verify}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
        "Starts a node with demo data (hundreds of hosted cards), drives mixed authorizations,",
        "completions, reversals and retransmissions through the ring, cuts off settlement window 1",
        "half-way, prints a summary with throughput and the window's net positions, verifies the",
        "journal by replay, and leaves it in the data directory. Then (unless --no-ha) a primary and a",
        "standby in two JVMs: the primary is killed (kill -9) part-way through ISO 8583 traffic, the",
        "standby takes over, the acquirer retransmits, and the new primary's journal is audited."})
public final class DemoCommand implements Callable<Integer>
{
    private static final String MARKER = ".tahweel-demo";

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "tahweel-data/demo",
        description = "Where the demo journal is left (wiped first if a previous demo made it). Default: ${DEFAULT-VALUE}.")
    Path dataDirectory;

    @Option(names = "--transactions", defaultValue = "50000",
        description = "Card messages to drive. Default: ${DEFAULT-VALUE}.")
    int transactions;

    @Option(names = "--cards", defaultValue = "500", description = "Hosted cards to issue. Default: ${DEFAULT-VALUE}.")
    int cards;

    @Option(names = "--seed", defaultValue = "20261125", description = "Traffic seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--socket-seconds", defaultValue = "5",
        description = "Seconds of ISO 8583 traffic over TCP from simulated acquirers before the in-process phase; 0 skips it. Default: ${DEFAULT-VALUE}.")
    int socketSeconds;

    @Option(names = "--socket-rate", defaultValue = "2000",
        description = "Offered ISO 8583 requests/s in the socket phase. Default: ${DEFAULT-VALUE}.")
    int socketRate;

    @Option(names = "--no-ha", negatable = false,
        description = "Skip the high-availability phase (a primary and a standby in two JVMs, the primary killed " +
            "part-way through ISO 8583 traffic, the standby taking over; audited from its journal).")
    boolean noHa;

    @Option(names = "--ha-requests", defaultValue = "1500",
        description = "ISO 8583 requests in the high-availability phase. Default: ${DEFAULT-VALUE}.")
    int haRequests;

    @Option(names = "--ha-rate", defaultValue = "400",
        description = "Requests/s in the high-availability phase. Default: ${DEFAULT-VALUE}.")
    int haRate;

    @Option(names = "--wait-strategy", defaultValue = WaitStrategies.DEFAULT,
        description = "Ring wait strategy: blocking, sleeping, yielding, busy-spin. Default: ${DEFAULT-VALUE}.")
    String waitStrategy;

    @Override
    public Integer call() throws Exception
    {
        final PrintStream out = System.out;
        final Path dir = dataDirectory.toAbsolutePath();
        if (!prepare(dir))
        {
            System.err.println("tahweel demo: " + dir + " exists and was not made by a demo; choose another --data-dir");
            return 2;
        }
        final PanTokenizer tokenizer = NodeLauncher.tokenizer(dir);
        final DemoData data = new DemoData(cards);
        final List<EncodedCommand> genesis = NodeLauncher.parseDemoBootstrap(tokenizer, cards);
        final DemoStats stats = new DemoStats();
        out.printf("tahweel demo: %s, %d cards, %,d card messages, wait strategy %s%n", dir, cards, transactions,
            waitStrategy);

        final long started;
        final long finished;
        final LiveSettlement settlement;
        try (EchoHost remoteIssuer = new EchoHost();
             SwitchStack stack = SwitchStack.start(new SwitchStack.Options()
                 .dataDirectory(dir)
                 .genesis(genesis)
                 .pipelineContext(new PipelineContext().name("demo").waitStrategy(waitStrategy).snapshotInterval(20_000))
                 .iso8583("127.0.0.1", 0)
                 .issuerLink(new IssuerLinkConfig(DemoData.REMOTE_BANK, "127.0.0.1", remoteIssuer.port()))
                 .inProcessListener(stats)))
        {
            final SwitchNode node = stack.node();
            settlement = stack.settlement();
            out.printf("genesis:          %,d bootstrap commands journaled%n", node.lastOutputSequence());
            if (socketSeconds > 0)
            {
                awaitIssuerSignOn(stack);
                new DemoSockets(stack.iso8583Port(), data, socketRate, socketSeconds).run(out);
            }
            final DemoTraffic traffic = new DemoTraffic(data, tokenizer, seed);
            final CommandPublisher publisher = node.publisher();
            final long progressEvery = Math.max(1, transactions / 5);
            started = System.nanoTime();
            for (int i = 1; i <= transactions; i++)
            {
                traffic.publishNext(publisher);
                if (i == transactions / 2)
                {
                    publishCutOff(publisher, 1);
                }
                if (i % progressEvery == 0)
                {
                    out.printf("  published %,d / %,d%n", i, transactions);
                }
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (stats.cardMessages() < transactions)
            {
                if (node.fatal() != null || System.nanoTime() > deadline)
                {
                    System.err.println("tahweel demo: outputs did not complete: " + node.fatal());
                    return 1;
                }
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
            }
            finished = System.nanoTime();
        }

        final double seconds = (finished - started) / 1e9;
        out.printf("throughput:       %,.0f card messages/s (%,d in %.2f s, publish to last output, one producer)%n",
            transactions / seconds, transactions, seconds);
        stats.print(out);

        printSettlement(settlement.lastClosedWindow(), out);

        final JournalVerifier.Report report = new JournalVerifier(new CoreContext()).verify(dir);
        JournalCommand.print(report, out);
        out.printf("journal left in:  %s%n", dir);
        out.printf("inspect it with:  ./tahweel journal dump --data-dir %s | less%n", dataDirectory);
        out.printf("settlement:       ./tahweel replay --journal %s --view settlement --window 1%n", dataDirectory);
        if (!report.ok())
        {
            return 1;
        }
        if (noHa)
        {
            return 0;
        }
        out.println();
        final FailoverDemo.Result ha;
        try
        {
            ha = new FailoverDemo(dir.resolve("ha"), cards, haRequests, haRate).run(out);
        }
        catch (final IllegalStateException | IllegalArgumentException ex)
        {
            System.err.println("tahweel demo: the high-availability phase failed: " + ex.getMessage());
            return 1;
        }
        out.printf("HA journals:      %s (new primary), %s (killed primary); ./tahweel journal dump --data-dir ...%n",
            dataDirectory.resolve("ha/standby"), dataDirectory.resolve("ha/primary"));
        return ha.passed() ? 0 : 1;
    }

    /** An operator cut-off, as the admin interface publishes it. */
    private static void publishCutOff(final CommandPublisher publisher, final long windowId)
    {
        final CommandSlot slot = publisher.claim();
        try
        {
            final CloseSettlementWindowEncoder close = new CloseSettlementWindowEncoder()
                .wrapAndApplyHeader(slot.buffer(), 0, new MessageHeaderEncoder());
            close.header().source(Source.ADMIN);
            close.windowId(windowId).operatorId("demo");
            slot.length(MessageHeaderEncoder.ENCODED_LENGTH + close.encodedLength());
        }
        finally
        {
            publisher.publish(slot);
        }
    }

    private static void printSettlement(final WindowPositions window, final PrintStream out)
    {
        if (window == null)
        {
            out.println("settlement:       no window was cut off");
            return;
        }
        out.printf("settlement:       window %d cut off at sequence %d; net positions posted to the ledger:%n",
            window.windowId(), window.closedAtSequence());
        for (final int currency : window.currencies())
        {
            for (final WindowPositions.Position p : window.positions())
            {
                if (p.currency() == currency)
                {
                    out.printf("  participant %d  %d: %,9d transactions, debits %,15d, credits %,15d, fees paid %,9d, " +
                        "fees received %,9d, net %,15d%n", p.participant(), currency, p.transactions(), p.debits(),
                        p.credits(), p.feesPaid(), p.feesReceived(), p.net());
                }
            }
            out.printf("  switch fees    %d: %,d%n", currency, window.feesCollected(currency));
        }
    }

    private static void awaitIssuerSignOn(final SwitchStack stack)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!stack.isIssuerSignedOn(DemoData.REMOTE_BANK) && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Creates the directory, or wipes a previous demo's; refuses to touch anything else. */
    private static boolean prepare(final Path dir) throws IOException
    {
        if (Files.isDirectory(dir))
        {
            try (Stream<Path> entries = Files.list(dir))
            {
                final boolean empty = entries.findAny().isEmpty();
                if (!empty && !Files.exists(dir.resolve(MARKER)))
                {
                    return false;
                }
            }
            try (Stream<Path> walk = Files.walk(dir))
            {
                for (final Path path : (Iterable<Path>)walk.sorted(Comparator.reverseOrder())::iterator)
                {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(dir);
        Files.createFile(dir.resolve(MARKER));
        return true;
    }
}

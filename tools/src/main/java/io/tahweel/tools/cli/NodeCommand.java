package io.tahweel.tools.cli;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.node.SwitchNode;
import io.tahweel.engine.pipeline.OutcomeListener;
import io.tahweel.engine.pipeline.PipelineContext;
import io.tahweel.engine.pipeline.TimerTicker;
import io.tahweel.engine.pipeline.WaitStrategies;
import io.tahweel.gateways.admin.AdminHttpServer;
import io.tahweel.gateways.admin.BootstrapException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code tahweel node}: runs one switch node in solo mode until stopped. */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = {
        "Runs a switch node (solo mode) on a data directory until stopped (Ctrl-C / SIGTERM).",
        "On an empty journal the bootstrap file is applied first (all or nothing); on a journal",
        "that already has entries the node recovers from the latest snapshot plus the journal tail."})
public final class NodeCommand implements Callable<Integer>
{
    @Option(names = "--config", paramLabel = "FILE",
        description = "Bootstrap file (docs/configuration.md). Default: the packaged examples/bootstrap.conf.")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "tahweel-data/node",
        description = "Journal, snapshots and keys live here. Default: ${DEFAULT-VALUE}.")
    Path dataDirectory;

    @Option(names = "--wait-strategy", defaultValue = WaitStrategies.DEFAULT,
        description = "Ring wait strategy: blocking, sleeping, yielding, busy-spin. Default: ${DEFAULT-VALUE}.")
    String waitStrategy;

    @Option(names = "--snapshot-interval", defaultValue = "1000000",
        description = "Journal entries between snapshots (0: only at shutdown). Default: ${DEFAULT-VALUE}.")
    long snapshotInterval;

    @Option(names = "--tick-ms", defaultValue = "" + TimerTicker.DEFAULT_INTERVAL_MS,
        description = "Journaled timer tick interval in ms (hold expiry). Default: ${DEFAULT-VALUE}.")
    long tickMs;

    @Option(names = "--admin-port", defaultValue = "" + AdminHttpServer.DEFAULT_PORT,
        description = "Admin interface port on 127.0.0.1 (tahweel settle, GET /status); 0 disables. Default: ${DEFAULT-VALUE}.")
    int adminPort;

    @Override
    public Integer call() throws Exception
    {
        final Path dir = dataDirectory.toAbsolutePath();
        final SwitchNode node;
        final LiveSettlement settlement;
        try
        {
            settlement = new LiveSettlement(dir, OutcomeListener.NO_OP);
            node = NodeLauncher.start(dir, NodeLauncher.parseBootstrap(NodeLauncher.tokenizer(dir), config),
                new CoreContext(),
                new PipelineContext().waitStrategy(waitStrategy).snapshotInterval(snapshotInterval),
                tickMs, settlement);
        }
        catch (final BootstrapException | IllegalArgumentException ex)
        {
            System.err.println("tahweel node: " + ex.getMessage());
            return 2;
        }
        final AdminHttpServer adminServer;
        try
        {
            adminServer = adminPort == 0 ? null : new AdminHttpServer(adminPort, node.publisher(), settlement);
        }
        catch (final java.io.IOException ex)
        {
            node.close();
            System.err.println("tahweel node: cannot open the admin interface on 127.0.0.1:" + adminPort + ": " + ex);
            return 2;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            if (adminServer != null)
            {
                adminServer.close();
            }
            node.close();
            System.err.println("tahweel node: stopped at sequence " + node.journal().lastSequence());
            stopped.countDown();
        }, "tahweel-shutdown"));
        System.err.printf("tahweel node: running on %s (recovered to sequence %d, journal at %d); Ctrl-C to stop%n",
            dir, node.recoveredSequence(), node.journal().lastSequence());
        if (adminServer != null)
        {
            System.err.printf("tahweel node: admin interface on http://127.0.0.1:%d (tahweel settle --admin " +
                "http://127.0.0.1:%d)%n", adminServer.port(), adminServer.port());
        }
        System.err.println("tahweel node: no network gateway is wired yet (ISO 8583 over TCP is issue #3); " +
            "the node journals its timer and any in-process traffic");
        stopped.await();
        return 0;
    }
}

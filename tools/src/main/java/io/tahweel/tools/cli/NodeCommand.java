package io.tahweel.tools.cli;

import io.tahweel.engine.node.SwitchNode;
import io.tahweel.engine.pipeline.PipelineContext;
import io.tahweel.engine.pipeline.TimerTicker;
import io.tahweel.engine.pipeline.WaitStrategies;
import io.tahweel.gateways.admin.AdminHttpServer;
import io.tahweel.gateways.admin.BootstrapException;
import io.tahweel.gateways.iso8583.issuer.IssuerLinkConfig;
import io.tahweel.gateways.iso8583.issuer.IssuerLinksConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Option(names = "--iso8583-port", defaultValue = "8583",
        description = "ISO 8583 acquirer listener port (PostChannel framing, ISO87B); -1 disables. Default: ${DEFAULT-VALUE}.")
    int iso8583Port;

    @Option(names = "--iso8583-bind", defaultValue = "127.0.0.1",
        description = "Address the ISO 8583 listener binds. Default: ${DEFAULT-VALUE}.")
    String iso8583Bind;

    @Option(names = "--issuer", paramLabel = "ID=HOST:PORT",
        description = "A remote issuer's host: the switch signs on to it and forwards its cards' requests. Repeatable.")
    List<String> issuers = new ArrayList<>();

    @Option(names = "--institution-id", defaultValue = IssuerLinksConfig.DEFAULT_INSTITUTION_ID,
        description = "The switch's institution id, sent to issuers in field 33. Default: ${DEFAULT-VALUE}.")
    String institutionId;

    @Override
    public Integer call() throws Exception
    {
        final Path dir = dataDirectory.toAbsolutePath();
        final SwitchStack.Options options = new SwitchStack.Options()
            .dataDirectory(dir)
            .pipelineContext(new PipelineContext().waitStrategy(waitStrategy).snapshotInterval(snapshotInterval))
            .tickIntervalMs(tickMs)
            .iso8583(iso8583Bind, iso8583Port)
            .adminPort(adminPort == 0 ? -1 : adminPort)
            .institutionId(institutionId);
        final SwitchStack stack;
        try
        {
            for (final String issuer : issuers)
            {
                options.issuerLink(issuerLink(issuer));
            }
            options.genesis(NodeLauncher.parseBootstrap(NodeLauncher.tokenizer(dir), config));
            stack = SwitchStack.start(options);
        }
        catch (final BootstrapException | IllegalArgumentException | java.io.IOException ex)
        {
            System.err.println("tahweel node: " + ex.getMessage());
            return 2;
        }
        final SwitchNode node = stack.node();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            stack.close();
            System.err.println("tahweel node: stopped at sequence " + node.journal().lastSequence());
            stopped.countDown();
        }, "tahweel-shutdown"));
        System.err.printf("tahweel node: running on %s (recovered to sequence %d, journal at %d); Ctrl-C to stop%n",
            dir, node.recoveredSequence(), node.journal().lastSequence());
        if (stack.iso8583Port() >= 0)
        {
            System.err.printf("tahweel node: ISO 8583 acquirers on %s:%d; issuer links: %s%n", iso8583Bind,
                stack.iso8583Port(), issuers.isEmpty() ? "none" : String.join(", ", issuers));
        }
        if (stack.adminPort() >= 0)
        {
            System.err.printf("tahweel node: admin interface on http://127.0.0.1:%d (tahweel settle --admin " +
                "http://127.0.0.1:%d)%n", stack.adminPort(), stack.adminPort());
        }
        stopped.await();
        return 0;
    }

    /** {@code ID=HOST:PORT}, e.g. {@code 3=10.1.2.3:8583}. */
    static IssuerLinkConfig issuerLink(final String spec)
    {
        final int equals = spec.indexOf('=');
        final int colon = spec.lastIndexOf(':');
        if (equals < 1 || colon < equals + 2 || colon == spec.length() - 1)
        {
            throw new IllegalArgumentException("--issuer must be ID=HOST:PORT, was '" + spec + "'");
        }
        try
        {
            return new IssuerLinkConfig(Integer.parseInt(spec.substring(0, equals)), spec.substring(equals + 1, colon),
                Integer.parseInt(spec.substring(colon + 1)));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("--issuer must be ID=HOST:PORT with numbers, was '" + spec + "'", ex);
        }
    }
}

package io.tahweel.tools.cli;

import io.tahweel.engine.node.SwitchNode;
import io.tahweel.engine.pipeline.PipelineContext;
import io.tahweel.engine.pipeline.TimerTicker;
import io.tahweel.engine.pipeline.WaitStrategies;
import io.tahweel.engine.replication.FailoverContext;
import io.tahweel.engine.replication.ReplicationMode;
import io.tahweel.gateways.admin.AdminHttpServer;
import io.tahweel.gateways.admin.BootstrapException;
import io.tahweel.gateways.admin.EncodedCommand;
import io.tahweel.gateways.card.PanTokenizer;
import io.tahweel.gateways.iso8583.issuer.IssuerLinkConfig;
import io.tahweel.gateways.iso8583.issuer.IssuerLinksConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tahweel node}: runs one switch node until stopped: solo ({@link SwitchStack}), or with
 * {@code --role} one node of a replicated primary/standby pair ({@link ReplicatedStack}).
 */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = {
        "Runs a switch node on a data directory until stopped (Ctrl-C / SIGTERM): solo, or with --role",
        "one node of a replicated primary/standby pair (docs/operations.md, High availability).",
        "On an empty journal the bootstrap file is applied first (all or nothing); on a journal",
        "that already has entries the node recovers from the latest snapshot plus the journal tail."})
public final class NodeCommand implements Callable<Integer>
{
    @Option(names = "--config", paramLabel = "FILE",
        description = "Bootstrap file (docs/configuration.md). Default: the packaged examples/bootstrap.conf.")
    Path config;

    @Option(names = "--demo-cards", paramLabel = "N",
        description = "Bootstrap with the demo's data and N hosted cards (as tahweel demo and tahweel load use) " +
            "instead of --config, e.g. to drive the node with tahweel load --target.")
    Integer demoCards;

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

    @Option(names = "--role", paramLabel = "primary|standby",
        description = "Run as one node of a replicated pair, starting in this role. Default: none (solo).")
    String role;

    @Option(names = "--replication", paramLabel = "sync|async",
        description = "With --role: sync (an answer leaves only once the standby journaled it) or async. Default: sync.")
    String replication;

    @Option(names = "--replication-entries", paramLabel = "CHANNEL",
        description = "With --role: this node's entry endpoint (entries arrive here while standby), " +
            "e.g. aeron:udp?endpoint=10.0.0.1:7101.")
    String replicationEntries;

    @Option(names = "--replication-acks", paramLabel = "CHANNEL",
        description = "With --role: this node's ack endpoint (acks arrive here while primary), " +
            "e.g. aeron:udp?endpoint=10.0.0.1:7102.")
    String replicationAcks;

    @Option(names = "--peer-entries", paramLabel = "CHANNEL",
        description = "With --role: the peer's entry endpoint (its --replication-entries).")
    String peerEntries;

    @Option(names = "--peer-acks", paramLabel = "CHANNEL",
        description = "With --role: the peer's ack endpoint (its --replication-acks).")
    String peerAcks;

    @Option(names = "--node-id", paramLabel = "N",
        description = "With --role: this node's id (journaled in each epoch it opens); the two nodes differ.")
    Integer nodeId;

    @Option(names = "--auto-promote", paramLabel = "true|false", arity = "1",
        description = "With --role: a standby that loses its primary promotes itself. Default: true with sync, " +
            "false with async (no lease yet: promote by hand).")
    Boolean autoPromote;

    @Option(names = "--after-promotion", paramLabel = "hold|serve",
        description = {"With --role and sync: what a node that promoted itself does while it has no standby yet.",
            "hold: decline new work (91) until a standby acknowledges (recovery point zero, no service).",
            "serve: answer alone (async) and return to sync once a standby has caught up. Default: hold."})
    String afterPromotion;

    @Override
    public Integer call() throws Exception
    {
        if (config != null && demoCards != null)
        {
            System.err.println("tahweel node: --config and --demo-cards both name a bootstrap; give one of them");
            return 2;
        }
        if (role != null)
        {
            return callReplicated();
        }
        if (replication != null || replicationEntries != null || replicationAcks != null || peerEntries != null ||
            peerAcks != null || nodeId != null || autoPromote != null || afterPromotion != null)
        {
            System.err.println("tahweel node: --replication, --replication-entries, --replication-acks, --peer-entries, " +
                "--peer-acks, --node-id, --auto-promote and --after-promotion need --role primary|standby");
            return 2;
        }
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
            options.genesis(genesis(dir));
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

    private SwitchStack.Options options(final Path dir)
    {
        return new SwitchStack.Options()
            .dataDirectory(dir)
            .pipelineContext(new PipelineContext().waitStrategy(waitStrategy).snapshotInterval(snapshotInterval))
            .tickIntervalMs(tickMs)
            .iso8583(iso8583Bind, iso8583Port)
            .adminPort(adminPort == 0 ? -1 : adminPort)
            .institutionId(institutionId);
    }

    /** The replicated path: a {@link ReplicatedStack} whose gateway follows the primary role. */
    private int callReplicated() throws Exception
    {
        final Path dir = dataDirectory.toAbsolutePath();
        final ReplicatedStack stack;
        try
        {
            final ReplicatedStack.Replication settings = replicationSettings();
            final SwitchStack.Options options = options(dir);
            for (final String issuer : issuers)
            {
                options.issuerLink(issuerLink(issuer));
            }
            options.genesis(genesis(dir));
            settings.events(message -> System.err.println("tahweel node: " + message));
            stack = ReplicatedStack.start(options, settings);
        }
        catch (final BootstrapException | IllegalArgumentException | java.io.IOException ex)
        {
            System.err.println("tahweel node: " + ex.getMessage());
            return 2;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            stack.close();
            System.err.println("tahweel node: stopped");
            stopped.countDown();
        }, "tahweel-shutdown"));
        System.err.printf("tahweel node: node %d on %s started as %s (%s replication); entries on %s, acks on %s; " +
            "Ctrl-C to stop%n", nodeId, dir, role.toUpperCase(java.util.Locale.ROOT),
            replicationMode(), replicationEntries, replicationAcks);
        if (stack.adminPort() >= 0)
        {
            System.err.printf("tahweel node: admin interface on http://127.0.0.1:%d (tahweel status|promote|demote " +
                "--admin http://127.0.0.1:%d)%n", stack.adminPort(), stack.adminPort());
        }
        stopped.await();
        return 0;
    }

    /** The bootstrap: the demo's data with --demo-cards, else --config or the packaged default. */
    List<EncodedCommand> genesis(final Path dir) throws java.io.IOException, BootstrapException
    {
        final PanTokenizer tokenizer = NodeLauncher.tokenizer(dir);
        return demoCards != null ? NodeLauncher.parseDemoBootstrap(tokenizer, demoCards) :
            NodeLauncher.parseBootstrap(tokenizer, config);
    }

    /** The --role options checked and turned into the stack's settings. */
    ReplicatedStack.Replication replicationSettings()
    {
        final FailoverContext.StartRole startRole = switch (role.toLowerCase(java.util.Locale.ROOT))
        {
            case "primary" -> FailoverContext.StartRole.PRIMARY;
            case "standby" -> FailoverContext.StartRole.STANDBY;
            default -> throw new IllegalArgumentException("--role must be primary or standby, was '" + role + "'");
        };
        final ReplicationMode mode = replicationMode();
        if (replicationEntries == null || replicationAcks == null || peerEntries == null || peerAcks == null)
        {
            throw new IllegalArgumentException("--role needs --replication-entries, --replication-acks, " +
                "--peer-entries and --peer-acks (Aeron channels, e.g. aeron:udp?endpoint=10.0.0.1:7101)");
        }
        if (nodeId == null)
        {
            throw new IllegalArgumentException("--role needs --node-id (a different number on each node)");
        }
        return new ReplicatedStack.Replication()
            .role(startRole)
            .mode(mode)
            .nodeId(nodeId)
            .local(replicationEntries, replicationAcks)
            .peer(peerEntries, peerAcks)
            .automaticPromotion(autoPromote != null ? autoPromote : mode == ReplicationMode.SYNC)
            .afterPromotion(afterPromotionPolicy());
    }

    private FailoverContext.AfterPromotion afterPromotionPolicy()
    {
        final String value = afterPromotion == null ? "hold" : afterPromotion.toLowerCase(java.util.Locale.ROOT);
        return switch (value)
        {
            case "hold" -> FailoverContext.AfterPromotion.HOLD_FOR_STANDBY;
            case "serve" -> FailoverContext.AfterPromotion.SERVE_ALONE;
            default -> throw new IllegalArgumentException("--after-promotion must be hold or serve, was '" +
                afterPromotion + "'");
        };
    }

    private ReplicationMode replicationMode()
    {
        final String value = replication == null ? "sync" : replication.toLowerCase(java.util.Locale.ROOT);
        return switch (value)
        {
            case "sync" -> ReplicationMode.SYNC;
            case "async" -> ReplicationMode.ASYNC;
            default -> throw new IllegalArgumentException("--replication must be sync or async with --role, was '" +
                replication + "'");
        };
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

package io.tahweel.tools.demo.ha;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A primary and a standby {@code tahweel node}, each in its own JVM and data directory, replicating in SYNC
 * over UDP on loopback, started as docs/operations.md tells an operator to: the primary first (it applies the
 * bootstrap and creates the keys), its {@code keys/} copied to the standby's directory, then the standby;
 * ready once the primary sees its standby alive.
 */
final class NodePair implements AutoCloseable
{
    private static final long START_TIMEOUT_MS = 60_000;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** One node: its process, data directory, ports and admin interface. */
    record Node(String name, NodeProcess process, Path dataDirectory, int iso8583Port, NodeAdmin admin)
    {
    }

    private final Node primary;
    private final Node standby;

    private NodePair(final Node primary, final Node standby)
    {
        this.primary = primary;
        this.standby = standby;
    }

    /** Starts both nodes with the demo's bootstrap of {@code cards} cards; returns once they replicate. */
    static NodePair start(final Path haDirectory, final int cards) throws IOException, InterruptedException
    {
        final String[] entries = {LoopbackPorts.udpChannel(), LoopbackPorts.udpChannel()};
        final String[] acks = {LoopbackPorts.udpChannel(), LoopbackPorts.udpChannel()};
        final Path primaryDir = haDirectory.resolve("primary");
        final Path standbyDir = haDirectory.resolve("standby");
        Node primary = null;
        Node standby = null;
        try
        {
            primary = launch("primary", 1, primaryDir, cards, entries, acks, 0);
            awaitStatus(primary, status -> "PRIMARY".equals(NodeAdmin.field(status, "role")), "answer as PRIMARY");
            copyKeys(primaryDir, standbyDir);
            standby = launch("standby", 2, standbyDir, cards, entries, acks, 1);
            awaitStatus(standby, status -> "STANDBY".equals(NodeAdmin.field(status, "role")), "answer as STANDBY");
            awaitStatus(primary, status -> "true".equals(NodeAdmin.field(status, "standbyAlive")),
                "see its standby alive");
            return new NodePair(primary, standby);
        }
        catch (final IOException | InterruptedException | RuntimeException ex)
        {
            for (final Node started : new Node[]{standby, primary})
            {
                if (started != null)
                {
                    started.process().close();
                }
            }
            throw ex;
        }
    }

    /** Node {@code self} (0 or 1) of the pair: its own endpoints are {@code entries[self]}, {@code acks[self]}. */
    private static Node launch(final String role, final int nodeId, final Path dir, final int cards,
        final String[] entries, final String[] acks, final int self) throws IOException
    {
        final int peer = 1 - self;
        final int iso8583Port = LoopbackPorts.tcp();
        final int adminPort = LoopbackPorts.tcp();
        Files.createDirectories(dir);
        final NodeProcess process = NodeProcess.start(role, dir.resolve("node.log"), List.of(
            "--data-dir", dir.toString(), "--demo-cards", Integer.toString(cards),
            "--role", role, "--replication", "sync", "--after-promotion", "serve", "--node-id", Integer.toString(nodeId),
            "--replication-entries", entries[self], "--replication-acks", acks[self],
            "--peer-entries", entries[peer], "--peer-acks", acks[peer],
            "--iso8583-port", Integer.toString(iso8583Port), "--admin-port", Integer.toString(adminPort),
            "--snapshot-interval", "0"));
        return new Node(role, process, dir, iso8583Port, new NodeAdmin(adminPort));
    }

    /** The same tokenization and PAN keys on both nodes, or the standby could not recognise a card. */
    private static void copyKeys(final Path from, final Path to) throws IOException
    {
        final Path target = to.resolve("keys");
        Files.createDirectories(target);
        try (Stream<Path> keys = Files.list(from.resolve("keys")))
        {
            for (final Path key : (Iterable<Path>)keys::iterator)
            {
                Files.copy(key, target.resolve(key.getFileName()));
            }
        }
    }

    /** Polls the node's {@code /status} until {@code ready}; fails with its log if it dies or takes too long. */
    static String awaitStatus(final Node node, final Predicate<String> ready, final String what)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (true)
        {
            final String status = node.admin().statusOrNull();
            if (status != null && ready.test(status))
            {
                return status;
            }
            if (!node.process().isAlive() || System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("the " + node.name() + " node did not " + what + " (" +
                    (node.process().isAlive() ? "still waiting after " + START_TIMEOUT_MS + " ms" : "it exited") +
                    "; last status " + status + "); the end of " + node.process().log() + ":" +
                    System.lineSeparator() + node.process().logTail(20));
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    Node primary()
    {
        return primary;
    }

    Node standby()
    {
        return standby;
    }

    /** Kills whatever is still running (the normal path stops the nodes itself). */
    @Override
    public void close() throws InterruptedException
    {
        standby.process().close();
        primary.process().close();
    }
}

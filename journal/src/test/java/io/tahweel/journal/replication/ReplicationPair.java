package io.tahweel.journal.replication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalContext;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;

/**
 * A primary and a standby as two "hosts" in one JVM: each has its own embedded media driver in its
 * own directory, its own journal, and talks to the other over UDP unicast on loopback.
 */
final class ReplicationPair implements AutoCloseable
{
    final Path root;
    final ReplicationContext primaryContext;
    final ReplicationContext standbyContext;
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    Primary primary;
    Standby standby;

    ReplicationPair(final Path root, final long heartbeatNs, final long lossNs)
    {
        this.root = root;
        final String entryChannel = "aeron:udp?endpoint=localhost:" + freeUdpPort();
        final String ackChannel = "aeron:udp?endpoint=localhost:" + freeUdpPort();
        primaryContext = new ReplicationContext().entryChannel(entryChannel).ackChannel(ackChannel)
            .heartbeatIntervalNs(heartbeatNs).lossThresholdNs(lossNs);
        standbyContext = new ReplicationContext().entryChannel(entryChannel).ackChannel(ackChannel)
            .heartbeatIntervalNs(heartbeatNs).lossThresholdNs(lossNs);
    }

    ReplicationPair(final Path root)
    {
        this(root, ReplicationContext.DEFAULT_HEARTBEAT_INTERVAL_NS, ReplicationContext.DEFAULT_LOSS_THRESHOLD_NS);
    }

    Primary startPrimary()
    {
        primary = new Primary();
        return primary;
    }

    Standby startStandby()
    {
        standby = new Standby();
        return standby;
    }

    AgentRunner run(final org.agrona.concurrent.Agent agent)
    {
        final AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(10, 5, 1_000, 1_000_000),
            errors::add, null, agent);
        AgentRunner.startOnThread(runner);
        return runner;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(standby, primary);
    }

    static void await(final BooleanSupplier condition, final long timeoutMs, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    static int freeUdpPort()
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    final class Primary implements AutoCloseable
    {
        final Journal journal = new Journal(new JournalContext().directory(root.resolve("primary-journal")));
        final Journal reader = new Journal(new JournalContext().directory(root.resolve("primary-journal")).readOnly(true));
        final ReplicationMedia media = ReplicationMedia.launchEmbedded(root.resolve("primary-aeron"));
        final ReplicationPublisher publisher;
        final AgentRunner runner;
        final List<Long> acks = new CopyOnWriteArrayList<>();

        Primary()
        {
            publisher = new ReplicationPublisher(primaryContext, media.aeron(), reader, acks::add);
            runner = run(publisher);
        }

        @Override
        public void close()
        {
            CloseHelper.closeAll(runner, media, reader, journal);
        }
    }

    final class Standby implements AutoCloseable
    {
        final Journal journal = new Journal(new JournalContext().directory(root.resolve("standby-journal")));
        final ReplicationMedia media = ReplicationMedia.launchEmbedded(root.resolve("standby-aeron"));
        final ReplicationFollower follower;
        final AgentRunner runner;

        Standby()
        {
            follower = new ReplicationFollower(standbyContext, media.aeron(), journal, CheckpointListener.NO_OP);
            runner = run(follower);
        }

        /** Stops the follower thread, so the journal can be read on the test thread. */
        void stop()
        {
            runner.close();
        }

        @Override
        public void close()
        {
            CloseHelper.closeAll(runner, media, journal);
        }
    }
}

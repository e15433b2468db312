package io.tahweel.engine.node;

import io.aeron.Aeron;
import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.replication.Checkpoints;
import io.tahweel.engine.replication.PrimaryCheckpointer;
import io.tahweel.engine.replication.ReplicationMode;
import io.tahweel.engine.replication.StandbyAckGate;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalContext;
import io.tahweel.journal.replication.ReplicationContext;
import io.tahweel.journal.replication.ReplicationMedia;
import io.tahweel.journal.replication.ReplicationPublisher;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A primary's side of replication: the embedded media driver (under the data directory), a
 * read-only view of the journal that the publisher ships from, the publisher on its own thread
 * with a backoff idle strategy, the gate that holds answers in sync mode, and the checkpointer.
 */
final class PrimaryReplication implements AutoCloseable
{
    private final ReplicationMedia media;
    private final Journal shippingJournal;
    private final ReplicationPublisher publisher;
    private final AgentRunner runner;
    private final StandbyAckGate gate;
    private final PrimaryCheckpointer checkpointer;

    PrimaryReplication(final ReplicationMode mode, final ReplicationContext context, final Path dataDirectory,
        final Path journalDirectory, final int epoch, final long checkpointInterval, final CoreContext capacities,
        final Consumer<Throwable> onError)
    {
        this(mode, context, dataDirectory, journalDirectory, epoch, checkpointInterval, capacities, onError, null);
    }

    /**
     * @param capacities of the node's core: the checkpointer sizes its buffer from them.
     * @param aeron      a client of a driver the caller owns and closes, or null to launch an embedded
     *                   driver under the data directory, closed with this.
     */
    PrimaryReplication(final ReplicationMode mode, final ReplicationContext context, final Path dataDirectory,
        final Path journalDirectory, final int epoch, final long checkpointInterval, final CoreContext capacities,
        final Consumer<Throwable> onError, final Aeron aeron)
    {
        media = null == aeron ?
            ReplicationMedia.launchEmbedded(dataDirectory.resolve("aeron"), context.idleMaxParkNs()) : null;
        Journal readOnly = null;
        try
        {
            readOnly = new Journal(new JournalContext().directory(journalDirectory).readOnly(true));
            final ReplicationPublisher[] holder = new ReplicationPublisher[1];
            gate = new StandbyAckGate(mode, () -> holder[0] != null && holder[0].isStandbyAlive(), new SystemNanoClock());
            publisher = new ReplicationPublisher(context.epoch(epoch), null == media ? aeron : media.aeron(), readOnly,
                gate);
            holder[0] = publisher;
            checkpointer = new PrimaryCheckpointer(publisher::offerCheckpoint,
                checkpointInterval <= 0 ? Checkpoints.DEFAULT_INTERVAL : checkpointInterval, capacities);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.closeAll(readOnly, media);
            throw ex;
        }
        shippingJournal = readOnly;
        // Spin a little, yield, then park up to the configured maximum: never a busy spin.
        runner = new AgentRunner(new BackoffIdleStrategy(100, 10, 1_000, context.idleMaxParkNs()), onError::accept,
            null, publisher);
        AgentRunner.startOnThread(runner);
    }

    StandbyAckGate gate()
    {
        return gate;
    }

    PrimaryCheckpointer checkpointer()
    {
        return checkpointer;
    }

    ReplicationPublisher publisher()
    {
        return publisher;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(checkpointer, runner, media, shippingJournal);
    }
}

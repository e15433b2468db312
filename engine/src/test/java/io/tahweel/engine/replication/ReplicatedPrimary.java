package io.tahweel.engine.replication;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.aeron.Aeron;
import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.core.StateHash;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.testing.CoreDriver;
import io.tahweel.engine.testing.Scenario;
import io.tahweel.engine.testing.TestCommands;
import io.tahweel.journal.Journal;
import io.tahweel.journal.JournalContext;
import io.tahweel.journal.replication.AckListener;
import io.tahweel.journal.replication.ReplicationContext;
import io.tahweel.journal.replication.ReplicationPublisher;
import io.tahweel.sbe.EntryHeaderEncoder;
import io.tahweel.sbe.MessageHeaderEncoder;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What the primary's pipeline does, in lock-step on the test thread: stamp each entry with the next
 * sequence, a stepping time and the epoch, journal it, apply it to a real {@link SwitchCore}, and let
 * the {@link PrimaryCheckpointer} hash on schedule. A real {@link ReplicationPublisher} ships the
 * journal on its own thread.
 */
final class ReplicatedPrimary implements AutoCloseable
{
    static final CoreContext CORE = new CoreContext().participantCapacity(16).routeCapacity(64).accountCapacity(1024)
        .cardCapacity(64).transferCapacity(16 * 1024).authorizationCapacity(1024);

    final Journal journal;
    final Journal reader;
    final SwitchCore core = new SwitchCore(CORE);
    final ReplicationPublisher publisher;
    final PrimaryCheckpointer checkpointer;
    final AgentRunner runner;
    final List<byte[]> stamped = new ArrayList<>();
    final List<StateHash> hashes = new ArrayList<>();
    private final TestCommands commands = new TestCommands();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final EntryHeaderEncoder header = new EntryHeaderEncoder();
    private final Outcome outcome = new Outcome();
    private final int epoch;
    private final long checkpointInterval;
    private long nowNanos = CoreDriver.DEFAULT_START_NANOS;

    ReplicatedPrimary(final Path journalDirectory, final ReplicationContext replication, final Aeron aeron,
        final long checkpointInterval, final AckListener acks, final List<Throwable> errors)
    {
        this.epoch = replication.epoch();
        this.checkpointInterval = checkpointInterval;
        journal = new Journal(new JournalContext().directory(journalDirectory));
        reader = new Journal(new JournalContext().directory(journalDirectory).readOnly(true));
        publisher = new ReplicationPublisher(replication, aeron, reader, acks);
        checkpointer = new PrimaryCheckpointer(publisher::offerCheckpoint, checkpointInterval, CORE);
        runner = new AgentRunner(new BackoffIdleStrategy(10, 5, 1_000, 1_000_000), errors::add, null, publisher);
        AgentRunner.startOnThread(runner);
    }

    /** Journal and apply one command; returns its sequence. */
    long apply(final byte[] command)
    {
        final long sequence = journal.lastSequence() + 1;
        nowNanos += TimeUnit.MILLISECONDS.toNanos(1);
        stamp(command, sequence, nowNanos);
        journal.append(buffer, 0, command.length);
        core.onEntry(buffer, 0, command.length, outcome);
        final byte[] copy = new byte[command.length];
        buffer.getBytes(0, copy);
        stamped.add(copy);
        checkpointer.afterEntry(core);
        if (Checkpoints.isDue(sequence, checkpointInterval))
        {
            hashes.add(core.stateHash());
        }
        return sequence;
    }

    /** The command's bytes as the journal would hold them at {@code sequence}. */
    byte[] stamp(final byte[] command, final long sequence, final long timestamp)
    {
        buffer.putBytes(0, command);
        header.wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH).sequence(sequence).timestamp(timestamp).epoch(epoch);
        final byte[] copy = new byte[command.length];
        buffer.getBytes(0, copy);
        return copy;
    }

    long timestampOf(final long sequence)
    {
        return CoreDriver.DEFAULT_START_NANOS + sequence * TimeUnit.MILLISECONDS.toNanos(1);
    }

    void genesis()
    {
        for (final byte[] command : Scenario.genesis(commands))
        {
            apply(command);
        }
    }

    /**
     * A deterministic mix of immediate and two-phase transfers (some refused for lack of funds) and
     * timer ticks, so the ledger, its expiry queue and the idempotency ring all change.
     */
    void traffic(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final long id = 10_000 + stamped.size();
            switch (i % 5)
            {
                case 0:
                    apply(commands.tick());
                    break;
                case 1:
                    apply(commands.transfer(id, Scenario.CARD_ACCOUNT, Scenario.ACQUIRER_SETTLEMENT, 7 + i % 11,
                        Scenario.EGP, 0, 0, 0));
                    break;
                case 2:
                    apply(commands.transfer(id, Scenario.SMALL_ACCOUNT, Scenario.ACQUIRER_SETTLEMENT, 900 + i,
                        Scenario.EGP, 1, 0, 1));
                    break;
                case 3:
                    apply(commands.transfer(id, Scenario.OPERATOR_ACCOUNT, Scenario.SMALL_ACCOUNT, 500,
                        Scenario.EGP, 0, 0, 0));
                    break;
                default:
                    apply(commands.transfer(id, Scenario.CARD_ACCOUNT, Scenario.BANK_SETTLEMENT, 1_000_000,
                        Scenario.EGP, 0, 0, 0));
            }
        }
    }

    TestCommands commands()
    {
        return commands;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(checkpointer, runner, reader, journal);
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
}

package io.tahweel.engine.replication;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.StateHash;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.state.SnapshotWriter;
import io.tahweel.journal.replication.ReplicationFrames;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The primary's half of divergence detection: after every entry the core stage calls
 * {@link #afterEntry(SwitchCore)}; on the entries {@link Checkpoints#isDue} picks it serialises the state
 * (on the core's thread, the only one allowed to read the core) and hands the bytes to its own hashing
 * thread, which computes the SHA-256 and hands (sequence, hash) to its {@link CheckpointSink}: the publisher, for
 * the standby.
 * <p>
 * Why a second thread: with a full authorization book the state is about 100 MB; serialising it takes
 * ~40 ms, hashing it another ~70 ms, and every answer waits behind the core while it runs. The hash is
 * the same function of the same bytes as {@link SwitchCore#stateHash()}, so the standby compares like
 * with like. The serialised bytes are kept in one buffer until hashed: if the next checkpoint comes
 * before the hash is done (only with tiny intervals, as in tests) the core waits for it rather than
 * skipping a checkpoint.
 * <p>
 * Why the buffer is sized at construction, from the core's capacities ({@link SwitchCore#maxSnapshotLength}, about
 * 180 MB at the defaults): grown from 1 MB on the first checkpoint of a primary's life, reallocated and copied a
 * dozen times on the core's thread, it stalled every answer for 1.4-1.7 s (bench/RESULTS.md section h). Now the
 * core's thread only writes into memory allocated and touched when the node started.
 */
public final class PrimaryCheckpointer implements AutoCloseable
{
    private static final long WAIT_PARK_NS = TimeUnit.MICROSECONDS.toNanos(10);
    private static final long IDLE_PARK_NS = TimeUnit.MILLISECONDS.toNanos(10);

    private final CheckpointSink sink;
    private final long interval;
    private final UnsafeBuffer digest = new UnsafeBuffer(new byte[ReplicationFrames.DIGEST_LENGTH]);
    private final SnapshotWriter state;
    private final Thread hasher;
    private volatile boolean pending;
    private volatile boolean closed;
    private long pendingSequence;
    private volatile long sent;
    private volatile long refused;

    /**
     * @param sink       to hand checkpoints to (from the hashing thread: its only caller), e.g.
     *                   {@code publisher::offerCheckpoint}.
     * @param interval   entries between checkpoints; must equal the standby's.
     * @param capacities of the core to checkpoint: size the buffer its state is serialised into.
     * @throws IllegalArgumentException if a full core of these capacities would not fit one buffer.
     */
    public PrimaryCheckpointer(final CheckpointSink sink, final long interval, final CoreContext capacities)
    {
        this.sink = sink;
        this.interval = interval;
        this.state = SnapshotWriter.sizedFor(SwitchCore.maxSnapshotLength(capacities));
        hasher = new Thread(this::hashLoop, "tahweel-checkpoint-hasher");
        hasher.setDaemon(true);
        hasher.start();
    }

    /**
     * Call on the core's thread after each applied entry.
     *
     * @return the state just serialised when a checkpoint fell on this entry, else null: read-only,
     * and valid on the core's thread until the next call (a snapshot due on the same entry copies it
     * instead of serialising again, see {@code CoreSnapshotter#snapshotFrom}).
     */
    public SnapshotWriter afterEntry(final SwitchCore core)
    {
        final long sequence = core.lastSequence();
        if (!Checkpoints.isDue(sequence, interval) || closed)
        {
            return null;
        }
        while (pending && !closed)
        {
            LockSupport.parkNanos(WAIT_PARK_NS);
        }
        core.writeSnapshot(state.reset());
        pendingSequence = sequence;
        pending = true;  // publishes the bytes and the sequence to the hasher
        LockSupport.unpark(hasher);
        return state;
    }

    private void hashLoop()
    {
        while (!closed)
        {
            if (!pending)
            {
                LockSupport.parkNanos(this, IDLE_PARK_NS);
                continue;
            }
            final long sequence = pendingSequence;
            final StateHash hash = StateHash.of(sequence, state.buffer(), 0, state.position());
            pending = false;
            Checkpoints.putDigest(hash, digest, 0);
            if (sink.offerCheckpoint(sequence, digest, 0))
            {
                sent++;
            }
            else
            {
                refused++;
            }
        }
    }

    /**
     * @return checkpoints queued.
     */
    public long sent()
    {
        return sent;
    }

    /**
     * @return checkpoints the publisher's queue refused.
     */
    public long refused()
    {
        return refused;
    }

    /**
     * @return the writer every checkpoint serialises into; for tests that check it is never replaced or grown.
     */
    SnapshotWriter state()
    {
        return state;
    }

    /** Stops the hashing thread; a checkpoint not yet hashed is not sent. */
    @Override
    public void close()
    {
        closed = true;
        LockSupport.unpark(hasher);
        try
        {
            hasher.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}

package io.tahweel.engine.replication;

import io.tahweel.engine.core.StateHash;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.journal.replication.ReplicationFrames;
import io.tahweel.journal.replication.ReplicationPublisher;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The primary's half of divergence detection: after every entry the core stage calls
 * {@link #afterEntry(SwitchCore)}; on the entries {@link Checkpoints#isDue} picks it hashes the state
 * and queues (sequence, hash) on the publisher, which sends it to the standby. Runs on the core's
 * thread, the only one allowed to read the core.
 */
public final class PrimaryCheckpointer
{
    private final ReplicationPublisher publisher;
    private final long interval;
    private final UnsafeBuffer digest = new UnsafeBuffer(new byte[ReplicationFrames.DIGEST_LENGTH]);
    private long sent;
    private long refused;

    /**
     * @param publisher to queue checkpoints on.
     * @param interval  entries between checkpoints; must equal the standby's.
     */
    public PrimaryCheckpointer(final ReplicationPublisher publisher, final long interval)
    {
        this.publisher = publisher;
        this.interval = interval;
    }

    /**
     * Call on the core's thread after each applied entry.
     */
    public void afterEntry(final SwitchCore core)
    {
        final long sequence = core.lastSequence();
        if (!Checkpoints.isDue(sequence, interval))
        {
            return;
        }
        final StateHash hash = core.stateHash();
        Checkpoints.putDigest(hash, digest, 0);
        if (publisher.offerCheckpoint(sequence, digest, 0))
        {
            sent++;
        }
        else
        {
            refused++;
        }
    }

    /**
     * @return checkpoints queued; read on the core's thread.
     */
    public long sent()
    {
        return sent;
    }

    /**
     * @return checkpoints the publisher's queue refused; read on the core's thread.
     */
    public long refused()
    {
        return refused;
    }
}

package io.tahweel.engine.pipeline;

import io.tahweel.engine.replication.PrimaryCheckpointer;
import io.tahweel.engine.replication.ReplicationGate;

import java.util.function.Consumer;

/** Configuration of the input ring and its stages. */
public final class PipelineContext
{
    /** Ring slots; a power of two. 16K slots x 1 KiB = 16 MiB of pre-allocated direct memory. */
    public static final int DEFAULT_RING_SIZE = 16 * 1024;
    /** Entries between automatic snapshots; 0 disables them. */
    public static final long DEFAULT_SNAPSHOT_INTERVAL = 1_000_000;

    private String name = "tahweel";
    private int ringSize = DEFAULT_RING_SIZE;
    private String waitStrategy = WaitStrategies.DEFAULT;
    private int epoch = 1;
    private long snapshotInterval = DEFAULT_SNAPSHOT_INTERVAL;
    private Consumer<Throwable> fatalHandler = ex -> ex.printStackTrace(System.err);
    private ReplicationGate replicationGate = ReplicationGate.SOLO;
    private PrimaryCheckpointer checkpointer;

    public String name()
    {
        return name;
    }

    public PipelineContext name(final String name)
    {
        this.name = name;
        return this;
    }

    public int ringSize()
    {
        return ringSize;
    }

    public PipelineContext ringSize(final int ringSize)
    {
        if (Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("ring size must be a power of two: " + ringSize);
        }
        this.ringSize = ringSize;
        return this;
    }

    public String waitStrategy()
    {
        return waitStrategy;
    }

    public PipelineContext waitStrategy(final String waitStrategy)
    {
        WaitStrategies.named(waitStrategy);
        this.waitStrategy = waitStrategy;
        return this;
    }

    public int epoch()
    {
        return epoch;
    }

    public PipelineContext epoch(final int epoch)
    {
        this.epoch = epoch;
        return this;
    }

    public long snapshotInterval()
    {
        return snapshotInterval;
    }

    public PipelineContext snapshotInterval(final long snapshotInterval)
    {
        this.snapshotInterval = snapshotInterval;
        return this;
    }

    /** Decides when answers may leave (sync replication holds them until a standby journaled the entry). */
    public ReplicationGate replicationGate()
    {
        return replicationGate;
    }

    public PipelineContext replicationGate(final ReplicationGate gate)
    {
        this.replicationGate = gate;
        return this;
    }

    /** Sends state-hash checkpoints to standbys from the core thread; null when not replicating. */
    public PrimaryCheckpointer checkpointer()
    {
        return checkpointer;
    }

    public PipelineContext checkpointer(final PrimaryCheckpointer checkpointer)
    {
        this.checkpointer = checkpointer;
        return this;
    }

    public Consumer<Throwable> fatalHandler()
    {
        return fatalHandler;
    }

    public PipelineContext fatalHandler(final Consumer<Throwable> fatalHandler)
    {
        this.fatalHandler = fatalHandler;
        return this;
    }
}

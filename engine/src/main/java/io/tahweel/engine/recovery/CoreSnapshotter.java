package io.tahweel.engine.recovery;

import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.state.SnapshotWriter;
import io.tahweel.journal.SnapshotStore;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Writes the core's state to the snapshot store. The state is serialised on the core thread (it
 * must not change meanwhile); the file is written on a thread of its own.
 * <p>
 * Why: at production capacities a snapshot is ~130 MB, and writing it means a CRC over all of it,
 * the write and an fsync of the file and of its directory: hundreds of milliseconds to seconds
 * that the core thread, and every answer behind it, would otherwise wait for once per snapshot
 * interval. A snapshot only shortens recovery, so when the previous file is still being written
 * the next snapshot is skipped (counted, {@link #skipped()}) rather than making the core wait.
 * The closing snapshot ({@link #snapshotAndWait}) is written before it returns.
 */
public final class CoreSnapshotter implements AutoCloseable
{
    /** Snapshots kept on disk; older ones are pruned after each write. */
    public static final int SNAPSHOTS_KEPT = 3;

    private static final Logger LOGGER = System.getLogger(CoreSnapshotter.class.getName());
    private static final long CLOSE_TIMEOUT_SECONDS = 60;

    private final SnapshotStore store;
    private final SnapshotWriter writer = new SnapshotWriter(1 << 20);
    /** One thread, created at the first background write: tests and nodes that never snapshot start none. */
    private final ExecutorService files = Executors.newSingleThreadExecutor(runnable ->
    {
        final Thread thread = new Thread(runnable, "snapshot-files");
        thread.setDaemon(true);
        return thread;
    });
    private Future<?> pending;
    private long lastSnapshotSequence = -1;
    private long skipped;

    public CoreSnapshotter(final SnapshotStore store)
    {
        this.store = store;
    }

    /**
     * On the core thread: serialises the state now and has the file written in the background;
     * skips when the previous snapshot's file is still being written.
     */
    public void snapshot(final SwitchCore core)
    {
        if (mayStart(core))
        {
            serialise(core);
            writeInBackground(core);
        }
    }

    /**
     * As {@link #snapshot(SwitchCore)}, from the core's state already serialised into {@code serialized}
     * at its current sequence (a replicating primary's checkpoint on the same entry): copied, several
     * times faster than serialising again, then written in the background. {@code serialized} is only
     * read, before this returns.
     */
    public void snapshotFrom(final SwitchCore core, final SnapshotWriter serialized)
    {
        if (mayStart(core))
        {
            writer.copyOf(serialized);
            lastSnapshotSequence = core.lastSequence();
            writeInBackground(core);
        }
    }

    /** False, counting a skip, when this sequence is taken or the previous file is still being written. */
    private boolean mayStart(final SwitchCore core)
    {
        if (core.lastSequence() == lastSnapshotSequence)
        {
            return false;
        }
        if (!previousWritten(false))
        {
            skipped++;
            LOGGER.log(Level.WARNING, "snapshot at sequence " + core.lastSequence() +
                " skipped: the previous one is still being written");
            return false;
        }
        return true;
    }

    private void writeInBackground(final SwitchCore core)
    {
        final long sequence = core.lastSequence();
        final long timestamp = core.lastTimestamp();
        pending = files.submit(() -> storeInBackground(sequence, timestamp));
    }

    /** A snapshot written before this returns (the closing one): waits for any in the background first. */
    public void snapshotAndWait(final SwitchCore core)
    {
        if (!previousWritten(true) || core.lastSequence() == lastSnapshotSequence)
        {
            return;
        }
        serialise(core);
        store(core.lastSequence(), core.lastTimestamp(), writer);
    }

    /**
     * Stores the core's state already serialised into {@code serialized} (by
     * {@link SwitchCore#writeSnapshot} at the core's current sequence), on the calling thread: a
     * caller that has just serialised the state for a checkpoint hash saves a second
     * serialisation and a second buffer (a standby, whose core thread answers nobody).
     */
    public void snapshot(final SwitchCore core, final SnapshotWriter serialized)
    {
        if (!previousWritten(true) || core.lastSequence() == lastSnapshotSequence)
        {
            return;
        }
        store(core.lastSequence(), core.lastTimestamp(), serialized);
        lastSnapshotSequence = core.lastSequence();
    }

    /** True while a snapshot's file is being written in the background. Core thread. */
    public boolean writing()
    {
        return pending != null && !pending.isDone();
    }

    /** Snapshots skipped because the previous file was still being written. */
    public long skipped()
    {
        return skipped;
    }

    /** Waits for a snapshot being written, then stops the file thread. */
    @Override
    public void close()
    {
        previousWritten(true);
        files.shutdown();
        try
        {
            files.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void serialise(final SwitchCore core)
    {
        writer.reset();
        core.writeSnapshot(writer);
        lastSnapshotSequence = core.lastSequence();
    }

    private void storeInBackground(final long sequence, final long timestamp)
    {
        try
        {
            store(sequence, timestamp, writer);
        }
        catch (final RuntimeException | Error ex)
        {
            LOGGER.log(Level.ERROR, "writing the snapshot at sequence " + sequence + " failed", ex);
            throw ex;
        }
    }

    private void store(final long sequence, final long timestamp, final SnapshotWriter serialized)
    {
        store.write(sequence, timestamp, serialized.buffer(), 0, serialized.position());
        store.prune(SNAPSHOTS_KEPT);
    }

    /**
     * True when no file is being written; with {@code wait}, waits for it (false if interrupted
     * meanwhile: the buffer is still being read). A failed write is logged (the node runs on: the
     * snapshots before it still serve recovery).
     */
    private boolean previousWritten(final boolean wait)
    {
        final Future<?> written = pending;
        if (written == null)
        {
            return true;
        }
        if (!wait && !written.isDone())
        {
            return false;
        }
        try
        {
            written.get();
        }
        catch (final ExecutionException ex)
        {
            // already logged where it happened; the node runs on without this snapshot, and the
            // next one (the closing one too) must not be skipped as "already taken"
            lastSnapshotSequence = -1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
        pending = null;
        return true;
    }
}

package io.tahweel.journal.replication;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;

/**
 * The Aeron a node replicates through: by default an embedded media driver in
 * {@link ThreadingMode#SHARED} mode (one driver thread, which matters on 2-core machines) with a
 * backoff idle strategy that parks rather than spins, and a client connected to it.
 *
 * <p>The driver's directory is given by the caller, under the node's data directory, so that two
 * nodes on one machine (or in one test) never share a driver by accident.
 */
public final class ReplicationMedia implements AutoCloseable
{
    /**
     * Term length of publications: small enough for tests and demos to run many drivers, big enough
     * for a 64 KiB entry (the longest message is an eighth of a term).
     */
    public static final int TERM_LENGTH = 4 * 1024 * 1024;

    private static final Logger LOGGER = System.getLogger(ReplicationMedia.class.getName());

    private final MediaDriver driver;
    private final Aeron aeron;

    private ReplicationMedia(final MediaDriver driver, final Aeron aeron)
    {
        this.driver = driver;
        this.aeron = aeron;
    }

    /**
     * Launch an embedded media driver whose files live in {@code aeronDirectory} (wiped on start
     * and on close), and connect a client to it.
     */
    public static ReplicationMedia launchEmbedded(final Path aeronDirectory)
    {
        return launchEmbedded(aeronDirectory, ReplicationContext.DEFAULT_IDLE_MAX_PARK_NS);
    }

    /**
     * As {@link #launchEmbedded(Path)}, the driver's idle thread spinning and yielding briefly, then parking from
     * 1 us up to {@code maxParkNs}: never a busy spin.
     */
    public static ReplicationMedia launchEmbedded(final Path aeronDirectory, final long maxParkNs)
    {
        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .aeronDirectoryName(aeronDirectory.toAbsolutePath().toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 5, 1_000, maxParkNs))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .termBufferSparseFile(true)
            .publicationTermBufferLength(TERM_LENGTH)
            .ipcTermBufferLength(TERM_LENGTH)
            .errorHandler(ex -> LOGGER.log(Level.WARNING, "media driver error", ex));
        final MediaDriver driver = MediaDriver.launchEmbedded(driverContext);
        try
        {
            final Aeron aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .errorHandler(ex -> LOGGER.log(Level.WARNING, "aeron client error", ex)));
            return new ReplicationMedia(driver, aeron);
        }
        catch (final RuntimeException ex)
        {
            driver.close();
            throw ex;
        }
    }

    /**
     * @return the client publications and subscriptions are made with.
     */
    public Aeron aeron()
    {
        return aeron;
    }

    /**
     * Stop the driver only, as if this host's network died: nothing more is sent or received, but the client's
     * publications stay mapped, so agents still using them keep running safely until they are stopped and
     * {@link #close()} is called. (Closing the client under a running agent unmaps its log buffers beneath it: a
     * JVM crash, not a network fault.) For fault-injection tests.
     */
    public void closeDriver()
    {
        CloseHelper.close(driver);
    }

    /**
     * Close the client, then the driver (which deletes its directory).
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(aeron, driver);
    }
}

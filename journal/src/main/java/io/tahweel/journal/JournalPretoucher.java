package io.tahweel.journal;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Faults the journal's next pages in, and grows its file, on a background thread ahead of the appender.
 * <p>
 * Why: Chronicle writes through a shared mapping of a sparse cycle file. The first write to each
 * 4 KB page faults, and on ext4 the fault reads the hole in (zeroing a read-ahead window) and
 * reserves its block before the append can go on: measured with {@code perf}, 69 % of an
 * appending thread's time. And every chunk or so Chronicle grows the file under a file lock on
 * the appending thread, which took milliseconds once another thread was faulting the file's pages.
 * So this thread does both first (bench/RESULTS.md has the numbers).
 * <p>
 * How, safely: the appender publishes its file and write position after each append. This thread
 * keeps the file at least {@link #AHEAD} plus half of {@link #GROW_STEP} bytes longer than the
 * write position, growing it by writing one zero byte past its end (the file stays sparse; a
 * Chronicle file's extent is its headers and end-of-file marker, never its length, and Chronicle
 * only grows a file that is too short). It then maps the file (never past its length) and touches
 * each page up to {@link #AHEAD} bytes ahead with an atomic compare-and-set of 0 to 0 on the
 * page's first int: that never changes a byte (if Chronicle has written the int the compare fails,
 * if not it stays 0, atomically with respect to Chronicle's own writes). It costs CPU on the other
 * core only, and sleeps {@link #IDLE_NANOS} whenever it is ahead. A failure of its own is logged
 * and the file given up, never passed on to the appender, which then just faults for itself.
 */
final class JournalPretoucher implements AutoCloseable
{
    /** How far ahead of the write position pages are touched: ~60 ms of appends at 1M entries/s. */
    static final long AHEAD = 16L << 20;
    /** How much the file is grown at a time, once it is within half of this of {@link #AHEAD}. */
    static final long GROW_STEP = 256L << 20;
    private static final long PAGE = 4096;
    /** Bytes mapped at a time (remapped as the appender moves on). */
    private static final long WINDOW = 64L << 20;
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final byte[] NOTHING = new byte[0];
    private static final Logger LOGGER = System.getLogger(JournalPretoucher.class.getName());
    private static final VarHandle WRITE_POSITION;

    static
    {
        try
        {
            WRITE_POSITION = MethodHandles.lookup().findVarHandle(JournalPretoucher.class, "writePosition", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final Thread thread;
    private final UnsafeBuffer window = new UnsafeBuffer(NOTHING);
    private final ByteBuffer oneZero = ByteBuffer.allocate(1);
    private volatile boolean running = true;
    private volatile File file; // written by the appender, when it changes
    @SuppressWarnings("unused") // through WRITE_POSITION
    private volatile long writePosition;

    // pretoucher thread only
    private File currentFile;
    private FileChannel channel;
    private MappedByteBuffer mapping;
    private long mappingStart;
    private long mappingEnd;
    private long touchedUpTo;
    private File gaveUpOn;
    private volatile long pagesTouched; // single writer: this thread

    JournalPretoucher(final String name)
    {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Appender thread: where the next entry will go. Allocation-free; one ordered store per append. */
    void appended(final File file, final long writePosition)
    {
        if (file != this.file)
        {
            this.file = file;
        }
        WRITE_POSITION.setRelease(this, writePosition);
    }

    /** Pages touched so far (tests, diagnostics). */
    long pagesTouched()
    {
        return pagesTouched;
    }

    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void run()
    {
        try
        {
            while (running)
            {
                if (!touchAhead())
                {
                    LockSupport.parkNanos(IDLE_NANOS);
                }
            }
        }
        finally
        {
            release();
        }
    }

    /** @return true if it touched anything (look again at once). */
    private boolean touchAhead()
    {
        final File target = file;
        if (null == target || target == gaveUpOn)
        {
            return false;
        }
        final long position = (long)WRITE_POSITION.getAcquire(this);
        try
        {
            if (target != currentFile)
            {
                release();
                currentFile = target;
                channel = FileChannel.open(target.toPath(), StandardOpenOption.READ, StandardOpenOption.WRITE);
                touchedUpTo = 0;
            }
            long size = channel.size();
            if (size < position + AHEAD + GROW_STEP / 2)
            {
                size = position + AHEAD + GROW_STEP;
                channel.write(oneZero.clear(), size - 1);
            }
            final long end = position + AHEAD;
            long page = Math.max(touchedUpTo, (position + PAGE - 1) & ~(PAGE - 1));
            if (page >= end)
            {
                return false;
            }
            for (int i = 0; i < 256 && page < end && running; i++, page += PAGE)
            {
                if (page < mappingStart || page >= mappingEnd)
                {
                    map(page);
                }
                window.compareAndSetInt((int)(page - mappingStart), 0, 0);
                pagesTouched++;
            }
            touchedUpTo = page;
            return true;
        }
        catch (final IOException | RuntimeException | InternalError ex)
        {
            // InternalError: HotSpot's report of a fault in a mapped region (a file shrunk under us).
            LOGGER.log(Level.WARNING, "journal pretoucher gives up on " + target + ": " + ex);
            release();
            gaveUpOn = target; // not again for this file; the appender is unaffected, only slower
            return false;
        }
    }

    private void map(final long from) throws IOException
    {
        unmap();
        final long start = from & ~(WINDOW - 1);
        final long length = Math.min(start + WINDOW, channel.size()) - start; // never past the end
        mapping = channel.map(FileChannel.MapMode.READ_WRITE, start, length);
        window.wrap(mapping);
        mappingStart = start;
        mappingEnd = start + length;
    }

    private void unmap()
    {
        if (null != mapping)
        {
            window.wrap(NOTHING);
            IoUtil.unmap(mapping);
            mapping = null;
        }
        mappingStart = 0;
        mappingEnd = 0;
    }

    private void release()
    {
        unmap();
        if (null != channel)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // nothing was written through it
            }
            channel = null;
        }
        currentFile = null;
    }
}

package io.tahweel.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

/**
 * The append-only journal every state-changing input is written to before it has any effect.
 *
 * <p>Backed by Chronicle Queue: one document per entry, framed as {@code [length][crc32c][SBE bytes]}
 * (see {@link EntryFrame}) so damage is detected on every read. The journal reads the SBE
 * EntryHeader for the sequence and timestamp and nothing else: it does not know what a payment is.
 *
 * <h2>Sequences</h2>
 * Dense from 1, assigned by the journaler stage before append and checked here: an append of
 * anything but {@code lastSequence() + 1} is refused, and every read checks the sequence follows its
 * predecessor.
 *
 * <h2>Time and rolling</h2>
 * Files roll daily by default, but on <em>journal</em> time: the queue's {@code TimeProvider} is a
 * {@link JournalClock} that returns the timestamp of the entry being appended, so the file an entry
 * lands in depends only on the entry. Replicas hold identical files and rolling is testable by
 * choosing timestamps. A read-only journal uses wall-clock time, which is only used by Chronicle to
 * decide whether a later cycle may exist.
 *
 * <h2>Torn tail</h2>
 * A process killed mid-append leaves a document whose header was never completed; Chronicle never
 * delivers it and its next appender (once the dead writer's lock is released, which the queue does
 * on open when the holder's PID is dead) overwrites it. A complete document whose frame fails its
 * CRC (bytes lost in a machine crash) is treated as torn only if it is the last document: a
 * writable journal then overwrites its frame header with a VOID marker on open, so no reader ever
 * sees it, and appending resumes after the last good entry. Anywhere else it is corruption.
 *
 * <h2>Threads</h2>
 * One thread appends (the journaler). Readers ({@link #read}, {@link #readRange}) share one cursor
 * and belong to one thread; each {@link JournalTailer} belongs to the thread that polls it.
 */
public final class Journal implements AutoCloseable
{
    /** The largest entry accepted, in bytes. */
    public static final int MAX_ENTRY_LENGTH = EntryFrame.MAX_ENTRY_LENGTH;
    /** The smallest entry accepted: an SBE message header followed by the EntryHeader. */
    public static final int MIN_ENTRY_LENGTH = EntryFrame.MIN_ENTRY_LENGTH;

    private static final Logger LOGGER = System.getLogger(Journal.class.getName());

    private final JournalContext context;
    private final SingleChronicleQueue queue;
    private final JournalClock clock;
    private final EntryFrame writeFrame = new EntryFrame();
    private final EntryReader rangeReader;
    private final SequenceLocator locator;
    private ExcerptAppender appender;
    private JournalPretoucher pretoucher;
    private long lastSequence;
    private long lastTimestampNanos;
    private int voidedTornEntries;

    /**
     * Open (and for a writable journal, create and recover) the journal described by the context.
     *
     * @param context where and how.
     * @throws JournalCorruptedException if damage is found before the tail while recovering.
     */
    public Journal(final JournalContext context)
    {
        context.validate();
        this.context = context;
        if (!context.readOnly())
        {
            completeInterruptedTruncation(context.directory());
        }
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(context.directory())
            .rollCycle(context.rollCycle())
            .readOnly(context.readOnly());
        if (context.readOnly())
        {
            clock = null;
        }
        else
        {
            clock = new JournalClock();
            builder.timeProvider(clock);
        }
        queue = builder.build();
        try
        {
            lastSequence = recoverTail();
            rangeReader = new EntryReader(queue);
            locator = new SequenceLocator(queue);
        }
        catch (final RuntimeException ex)
        {
            queue.close();
            throw ex;
        }
    }

    /**
     * Append one SBE entry; returns only once Chronicle holds it (in the page cache).
     *
     * <p>Allocation-free in steady state: the entry is staged and CRC'd in a reused buffer and
     * written through the single appender.
     *
     * @param buffer holding the entry, SBE message header first.
     * @param offset of the entry in {@code buffer}.
     * @param length of the entry, between {@link #MIN_ENTRY_LENGTH} and {@link #MAX_ENTRY_LENGTH}.
     * @return the entry's sequence.
     * @throws IllegalArgumentException if the length is out of bounds.
     * @throws IllegalStateException    if the entry's sequence is not {@code lastSequence() + 1}, or
     *                                  the journal is read-only.
     */
    public long append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (context.readOnly())
        {
            throw new IllegalStateException("journal is read-only: " + context.directory());
        }
        if (length < MIN_ENTRY_LENGTH || length > MAX_ENTRY_LENGTH)
        {
            throw new IllegalArgumentException("entry length " + length + " outside " + MIN_ENTRY_LENGTH + ".." +
                MAX_ENTRY_LENGTH);
        }
        final long sequence = EntryFrame.sequenceOf(buffer, offset);
        final long expected = lastSequence + 1;
        if (sequence != expected)
        {
            throw new IllegalStateException("entry sequence " + sequence + " is not the next sequence " + expected +
                " (last sequence " + lastSequence + ")");
        }
        clock.entryTimestampNanos(EntryFrame.timestampOf(buffer, offset));
        writeFrame.stage(buffer, offset, length);
        if (null == appender)
        {
            appender = queue.createAppender();
            if (context.pretouch())
            {
                pretoucher = new JournalPretoucher("journal-pretoucher");
            }
        }
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            writeFrame.writeStaged(bytes);
            if (null != pretoucher && bytes instanceof MappedBytes)
            {
                pretoucher.appended(((MappedBytes)bytes).mappedFile().file(), bytes.writePosition());
            }
        }
        lastSequence = sequence;
        return sequence;
    }

    /**
     * @return pages of the journal's files the pretoucher has faulted in ahead of the appender so
     * far (0 when pretouching is off, read-only, or nothing was appended yet).
     */
    public long pretouchedPages()
    {
        return null == pretoucher ? 0 : pretoucher.pagesTouched();
    }

    /**
     * @return sequence of the last complete entry, 0 when the journal is empty. For a read-only
     * journal this looks at the queue, so it follows a writer in another process.
     */
    public long lastSequence()
    {
        return context.readOnly() ? findLastSequence(false) : lastSequence;
    }

    /**
     * @return sequence of the first entry still in the journal, 0 when it is empty.
     */
    public long firstSequence()
    {
        return locator.firstSequence();
    }

    /**
     * Deliver one entry, found through the per-cycle index rather than by scanning.
     *
     * @return true if the entry exists and was delivered.
     * @throws JournalCorruptedException if the entry is damaged.
     */
    public boolean read(final long sequence, final EntryHandler handler)
    {
        return readRange(sequence, sequence, handler) == 1;
    }

    /**
     * Deliver the entries from {@code fromSequence} to {@code toSequenceInclusive}, or to the end
     * of the journal if that comes first, checking each CRC and that none is missing.
     *
     * @return how many entries were delivered.
     * @throws JournalCorruptedException on damage or a gap inside the range.
     */
    public int readRange(final long fromSequence, final long toSequenceInclusive, final EntryHandler handler)
    {
        if (fromSequence > toSequenceInclusive)
        {
            return 0;
        }
        final long index = locator.indexOf(fromSequence);
        if (index < 0)
        {
            return 0;
        }
        rangeReader.position(index, fromSequence, false);
        int delivered = 0;
        for (long sequence = fromSequence; sequence <= toSequenceInclusive; sequence++)
        {
            if (!rangeReader.next(handler))
            {
                break;
            }
            delivered++;
        }
        return delivered;
    }

    /**
     * Create a non-blocking reader for followers and live views, starting at {@code fromSequence},
     * which may lie beyond the current end (it is then delivered once appended).
     *
     * @param fromSequence first sequence to deliver, at least 1.
     * @return a tailer owned by the caller, to be closed.
     * @throws IllegalArgumentException if the sequence precedes the first entry of the journal.
     */
    public JournalTailer tailer(final long fromSequence)
    {
        if (fromSequence < 1)
        {
            throw new IllegalArgumentException("fromSequence must be >= 1: " + fromSequence);
        }
        final long first = firstSequence();
        if (0 != first && fromSequence < first)
        {
            throw new IllegalArgumentException("sequence " + fromSequence + " precedes the first entry " + first);
        }
        final EntryReader reader = new EntryReader(queue);
        final long last = lastSequence();
        final long index = 0 == last ? -1 : locator.indexOf(Math.min(fromSequence, last));
        reader.position(index, fromSequence, true);
        return new JournalTailer(reader);
    }

    /**
     * @return how many torn entries (complete documents failing their CRC at the tail) this open
     * cancelled; for logs and tests.
     */
    public int voidedTornEntries()
    {
        return voidedTornEntries;
    }

    /**
     * @return the configuration this journal was opened with.
     */
    public JournalContext context()
    {
        return context;
    }

    /**
     * Release the appender, readers and the queue's mapped files.
     */
    @Override
    public void close()
    {
        if (null != pretoucher)
        {
            pretoucher.close();
        }
        if (null != appender)
        {
            appender.close();
        }
        rangeReader.close();
        locator.close();
        queue.close();
    }

    /**
     * Discard every entry after {@code sequence}: a node that was primary and must rejoin as a
     * standby drops its unacknowledged tail this way (the new primary's {@code EpochStart} names the
     * last sequence of the previous epoch it holds).
     *
     * <p>Chronicle Queue cannot truncate in place, so the entries {@code 1..sequence} are copied, byte
     * for byte and with their own timestamps (so into the same cycle files), into a fresh queue in a
     * sibling directory {@code <dir>.truncating}, which is then swapped in:
     * <ol>
     *   <li>copy, then force every file of the copy to disk;</li>
     *   <li>create the marker {@code <dir>.truncating.complete}: from here on the copy is the journal;</li>
     *   <li>rename {@code <dir>} to {@code <dir>.discarded}, rename the copy to {@code <dir>}, delete the
     *       marker and the discarded directory.</li>
     * </ol>
     * A crash before step 2 leaves the journal untouched (the partial copy is deleted by the next
     * attempt); after it, the next writable open of the journal (or the next truncation) finishes the
     * swap. Nothing else may have the journal open while this runs: close every {@link Journal} over
     * the directory first, in this process and any other.
     *
     * @param context  the journal's directory and roll cycle (not read-only).
     * @param sequence last sequence to keep; 0 keeps nothing.
     * @return how many entries were discarded (0 if the journal ends at or before {@code sequence}).
     * @throws IllegalStateException if the journal does not start at sequence 1 (pruned journals are not
     *                               rewritten).
     */
    public static long truncateAfter(final JournalContext context, final long sequence)
    {
        context.validate();
        if (context.readOnly())
        {
            throw new IllegalArgumentException("cannot truncate through a read-only context: " + context);
        }
        if (sequence < 0)
        {
            throw new IllegalArgumentException("sequence must be >= 0: " + sequence);
        }
        final Path directory = context.directory().toAbsolutePath();
        final Path copyDirectory = sibling(directory, ".truncating");
        final Path marker = sibling(directory, ".truncating.complete");
        final Path discarded = sibling(directory, ".discarded");
        completeInterruptedTruncation(directory);
        deleteRecursively(copyDirectory);
        deleteRecursively(discarded);
        final long last;
        try (Journal source = new Journal(new JournalContext().directory(directory).rollCycle(context.rollCycle())))
        {
            last = source.lastSequence();
            if (sequence >= last)
            {
                return 0;
            }
            final long first = source.firstSequence();
            if (first != 1)
            {
                throw new IllegalStateException("journal " + directory + " starts at sequence " + first +
                    ": only a journal starting at 1 can be truncated");
            }
            try (Journal copy = new Journal(new JournalContext().directory(copyDirectory).rollCycle(context.rollCycle())))
            {
                final EntryHandler append = (buffer, offset, length, entrySequence) -> copy.append(buffer, offset, length);
                for (long from = 1; from <= sequence; )
                {
                    final long to = Math.min(sequence, from + (1 << 20) - 1);
                    final int copied = source.readRange(from, to, append);
                    if (copied != to - from + 1)
                    {
                        throw new JournalCorruptedException(from + copied, "journal " + directory +
                            " ended at sequence " + (from + copied - 1) + " while truncating after " + sequence);
                    }
                    from = to + 1;
                }
                if (copy.lastSequence() != sequence)
                {
                    throw new IllegalStateException("copy ends at " + copy.lastSequence() + ", expected " + sequence);
                }
            }
        }
        try
        {
            forceAll(copyDirectory);
            Files.createFile(marker);
            forceDirectory(directory.getParent());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot complete the truncated copy of " + directory, ex);
        }
        completeInterruptedTruncation(directory);
        LOGGER.log(Level.WARNING, "journal {0} truncated after sequence {1}: {2} entries discarded",
            directory, sequence, last - sequence);
        return last - sequence;
    }

    /**
     * Finish a truncation whose copy was complete (its marker exists) when the process stopped.
     */
    private static void completeInterruptedTruncation(final Path journalDirectory)
    {
        final Path directory = journalDirectory.toAbsolutePath();
        final Path copyDirectory = sibling(directory, ".truncating");
        final Path marker = sibling(directory, ".truncating.complete");
        final Path discarded = sibling(directory, ".discarded");
        if (!Files.exists(marker))
        {
            return;
        }
        try
        {
            if (Files.exists(copyDirectory))
            {
                if (Files.exists(directory))
                {
                    deleteRecursively(discarded);
                    Files.move(directory, discarded, StandardCopyOption.ATOMIC_MOVE);
                }
                Files.move(copyDirectory, directory, StandardCopyOption.ATOMIC_MOVE);
                forceDirectory(directory.getParent());
            }
            Files.delete(marker);
            forceDirectory(directory.getParent());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot swap in the truncated journal " + copyDirectory, ex);
        }
        deleteRecursively(discarded);
    }

    private static Path sibling(final Path directory, final String suffix)
    {
        return directory.resolveSibling(directory.getFileName() + suffix);
    }

    private static void forceAll(final Path directory) throws IOException
    {
        final List<Path> files;
        try (Stream<Path> listing = Files.list(directory))
        {
            files = listing.filter(Files::isRegularFile).toList();
        }
        for (final Path file : files)
        {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
            {
                channel.force(true);
            }
        }
        forceDirectory(directory);
    }

    private static void forceDirectory(final Path directory)
    {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ex)
        {
            // Not every platform can sync a directory; the rename is still atomic.
        }
    }

    private static void deleteRecursively(final Path path)
    {
        if (!Files.exists(path))
        {
            return;
        }
        try (Stream<Path> walk = Files.walk(path))
        {
            for (final Path p : walk.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(p);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + path, ex);
        }
    }

    private long recoverTail()
    {
        final long last = findLastSequence(!context.readOnly());
        if (0 != last && null != clock)
        {
            clock.entryTimestampNanos(lastTimestampNanos);
        }
        return last;
    }

    /**
     * Read backwards from the end to the last good entry; a damaged last document is a torn tail,
     * voided if {@code repair}, skipped otherwise. Damage before it is corruption.
     */
    /**
     * Keep reading backwards to the previous good entry so the exception can name the sequence
     * the damaged one should have held.
     */
    private static JournalCorruptedException corruptionBeforeTail(
        final ExcerptTailer tailer, final long index, final String failure)
    {
        final EntryFrame frame = new EntryFrame();
        long previous = 0;
        while (true)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    break;
                }
                if (EntryFrame.OK == frame.read(dc.wire().bytes()))
                {
                    previous = frame.sequence();
                    break;
                }
            }
        }
        final long sequence = previous + 1;
        return new JournalCorruptedException(sequence, "corrupt journal entry at sequence " + sequence +
            " before the tail (index " + Long.toHexString(index) + "): " + failure);
    }

    private long findLastSequence(final boolean repair)
    {
        final EntryFrame frame = new EntryFrame();
        final ExcerptTailer tailer = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd();
        try
        {
            boolean atTail = true;
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return 0;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final long framePosition = bytes.readPosition();
                    final int status = frame.read(bytes);
                    if (EntryFrame.OK == status)
                    {
                        lastTimestampNanos = frame.timestampNanos();
                        return frame.sequence();
                    }
                    if (EntryFrame.VOID != status)
                    {
                        if (!atTail)
                        {
                            throw corruptionBeforeTail(tailer, dc.index(), frame.describeFailure(status));
                        }
                        if (repair)
                        {
                            LOGGER.log(Level.WARNING, "voiding torn journal tail at index {0} in {1}: {2}",
                                Long.toHexString(dc.index()), context.directory(), frame.describeFailure(status));
                            EntryFrame.markVoid(bytes, framePosition);
                            voidedTornEntries++;
                        }
                    }
                    atTail = false;
                }
            }
        }
        finally
        {
            tailer.close();
        }
    }
}

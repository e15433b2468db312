package io.tahweel.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Journal#truncateAfter}: a real Chronicle queue is rewritten without its tail, keeps the
 * remaining entries byte for byte (and in the same daily files), accepts new appends after the
 * truncation point, and an interrupted swap is finished on the next open.
 */
class JournalTruncateTest
{
    @TempDir
    Path dir;

    private JournalContext context()
    {
        return new JournalContext().directory(dir.resolve("journal"));
    }

    /** Entries 1..count, those above {@code nextDayFrom} stamped on the next day (another cycle file). */
    private List<byte[]> write(final int count, final int nextDayFrom)
    {
        final TestEntries entries = new TestEntries();
        final List<byte[]> written = new ArrayList<>();
        try (Journal journal = new Journal(context()))
        {
            for (long s = 1; s <= count; s++)
            {
                final long day = s >= nextDayFrom ? TestEntries.DAY2_NANOS : TestEntries.DAY1_NANOS;
                final int length = entries.encode(s, day + s, new byte[(int)(s % 97)]);
                final byte[] copy = new byte[length];
                entries.buffer().getBytes(0, copy);
                written.add(copy);
                journal.append(entries.buffer(), 0, length);
            }
        }
        return written;
    }

    private static long cycleFiles(final Path directory) throws Exception
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).count();
        }
    }

    @Test
    void keepsEntriesUpToTheSequenceAndAcceptsNewAppendsAfterIt() throws Exception
    {
        final List<byte[]> written = write(300, 201);
        assertEquals(2, cycleFiles(context().directory()));

        assertEquals(150, Journal.truncateAfter(context(), 150));

        assertEquals(1, cycleFiles(context().directory()), "the later day's file went with the tail");
        assertFalse(Files.exists(dir.resolve("journal.truncating")));
        assertFalse(Files.exists(dir.resolve("journal.discarded")));
        assertFalse(Files.exists(dir.resolve("journal.truncating.complete")));
        try (Journal journal = new Journal(context()))
        {
            assertEquals(150, journal.lastSequence());
            assertEquals(1, journal.firstSequence());
            final TestEntries.Collector all = new TestEntries.Collector();
            assertEquals(150, journal.readRange(1, 1_000, all));
            for (int i = 0; i < 150; i++)
            {
                assertArrayEquals(written.get(i), all.payloads.get(i), "entry " + (i + 1));
            }
            assertFalse(journal.read(151, (b, o, l, s) -> { }));
            final TestEntries entries = new TestEntries();
            journal.append(entries.buffer(), 0, entries.encode(151, TestEntries.DAY2_NANOS + 5));
            final TestEntries.Collector after = new TestEntries.Collector();
            assertTrue(journal.read(151, after));
            assertEquals(TestEntries.DAY2_NANOS + 5, EntryFrame.timestampOf(
                new org.agrona.concurrent.UnsafeBuffer(after.payloads.get(0)), 0));
        }
        try (Journal reopened = new Journal(context()); JournalTailer tailer = reopened.tailer(140))
        {
            final TestEntries.Collector tail = new TestEntries.Collector();
            while (tailer.poll(tail, 100) > 0)
            {
                // drain
            }
            assertEquals(List.of(140L, 141L, 142L, 143L, 144L, 145L, 146L, 147L, 148L, 149L, 150L, 151L), tail.sequences);
        }
    }

    @Test
    void truncatingAtOrBeyondTheEndChangesNothingAndZeroEmptiesTheJournal()
    {
        write(20, Integer.MAX_VALUE);
        assertEquals(0, Journal.truncateAfter(context(), 20));
        assertEquals(0, Journal.truncateAfter(context(), 25));
        try (Journal journal = new Journal(context()))
        {
            assertEquals(20, journal.lastSequence());
        }
        assertEquals(20, Journal.truncateAfter(context(), 0));
        try (Journal journal = new Journal(context()))
        {
            assertEquals(0, journal.lastSequence());
        }
        assertThrows(IllegalArgumentException.class, () -> Journal.truncateAfter(context(), -1));
        assertThrows(IllegalArgumentException.class,
            () -> Journal.truncateAfter(new JournalContext().directory(dir.resolve("journal")).readOnly(true), 1));
    }

    @Test
    void aSwapInterruptedAfterTheCopyWasCompleteIsFinishedOnOpen() throws Exception
    {
        final List<byte[]> written = write(50, Integer.MAX_VALUE);
        // Build the truncated copy the way truncateAfter does, then "crash" between the two renames.
        final Path journalDir = context().directory();
        final Path scratch = dir.resolve("scratch");
        copyTree(journalDir, scratch.resolve("journal"));
        Journal.truncateAfter(new JournalContext().directory(scratch.resolve("journal")), 30);
        copyTree(scratch.resolve("journal"), dir.resolve("journal.truncating"));
        Files.createFile(dir.resolve("journal.truncating.complete"));
        Files.move(journalDir, dir.resolve("journal.discarded"), StandardCopyOption.ATOMIC_MOVE);

        try (Journal journal = new Journal(context()))
        {
            assertEquals(30, journal.lastSequence());
            final TestEntries.Collector all = new TestEntries.Collector();
            journal.readRange(1, 100, all);
            assertArrayEquals(written.get(29), all.payloads.get(29));
        }
        assertFalse(Files.exists(dir.resolve("journal.truncating.complete")));
        assertFalse(Files.exists(dir.resolve("journal.discarded")));
    }

    @Test
    void anIncompleteCopyIsIgnoredAndTheJournalKept() throws Exception
    {
        write(40, Integer.MAX_VALUE);
        Files.createDirectories(dir.resolve("journal.truncating"));
        Files.writeString(dir.resolve("journal.truncating/garbage.cq4"), "partial");
        try (Journal journal = new Journal(context()))
        {
            assertEquals(40, journal.lastSequence(), "no marker: the copy was not complete, the journal stands");
        }
        assertEquals(10, Journal.truncateAfter(context(), 30));
        try (Journal journal = new Journal(context()))
        {
            assertEquals(30, journal.lastSequence());
        }
    }

    private static void copyTree(final Path from, final Path to) throws Exception
    {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from))
        {
            for (final Path file : files.toList())
            {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}

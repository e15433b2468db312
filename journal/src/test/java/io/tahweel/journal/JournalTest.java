package io.tahweel.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest
{
    @TempDir
    Path dir;

    private Journal open()
    {
        return new Journal(new JournalContext().directory(dir));
    }

    @Test
    void emptyJournalHasNoSequences()
    {
        try (Journal journal = open())
        {
            assertEquals(0, journal.lastSequence());
            assertEquals(0, journal.firstSequence());
            assertFalse(journal.read(1, (b, o, l, s) -> { }));
        }
    }

    @Test
    void appendedEntriesReadBackByteForByte()
    {
        final TestEntries entries = new TestEntries();
        final List<byte[]> written = new java.util.ArrayList<>();
        try (Journal journal = open())
        {
            for (long s = 1; s <= 100; s++)
            {
                final int length = entries.encode(s, TestEntries.DAY1_NANOS + s, new byte[(int)s]);
                final byte[] copy = new byte[length];
                entries.buffer().getBytes(0, copy);
                written.add(copy);
                assertEquals(s, journal.append(entries.buffer(), 0, length));
            }
            assertEquals(100, journal.lastSequence());
            assertEquals(1, journal.firstSequence());

            final TestEntries.Collector all = new TestEntries.Collector();
            assertEquals(100, journal.readRange(1, 100, all));
            assertEquals(LongStream.rangeClosed(1, 100).boxed().collect(Collectors.toList()), all.sequences);
            for (int i = 0; i < 100; i++)
            {
                assertArrayEquals(written.get(i), all.payloads.get(i));
            }

            final TestEntries.Collector one = new TestEntries.Collector();
            assertTrue(journal.read(42, one));
            assertEquals(List.of(42L), one.sequences);
            assertArrayEquals(written.get(41), one.payloads.get(0));
            assertFalse(journal.read(101, one));
            assertFalse(journal.read(0, one));
            assertEquals(10, journal.readRange(91, 200, new TestEntries.Collector()));
        }
    }

    @Test
    void reopenedJournalContinuesTheSequence()
    {
        try (Journal journal = open())
        {
            TestEntries.appendMany(journal, 1, 10, TestEntries.DAY1_NANOS);
        }
        try (Journal journal = open())
        {
            assertEquals(10, journal.lastSequence());
            TestEntries.appendMany(journal, 11, 20, TestEntries.DAY1_NANOS);
            assertEquals(20, journal.readRange(1, 20, new TestEntries.Collector()));
        }
    }

    @Test
    void appendRefusesAnythingButTheNextSequence()
    {
        final TestEntries entries = new TestEntries();
        try (Journal journal = open())
        {
            final IllegalStateException first = assertThrows(IllegalStateException.class,
                () -> journal.append(entries.buffer(), 0, entries.encode(2, TestEntries.DAY1_NANOS)));
            assertTrue(first.getMessage().contains("2") && first.getMessage().contains("1"), first.getMessage());
            journal.append(entries.buffer(), 0, entries.encode(1, TestEntries.DAY1_NANOS));
            final IllegalStateException repeat = assertThrows(IllegalStateException.class,
                () -> journal.append(entries.buffer(), 0, entries.encode(1, TestEntries.DAY1_NANOS)));
            assertTrue(repeat.getMessage().contains("entry sequence 1 is not the next sequence 2"), repeat.getMessage());
            final IllegalStateException gap = assertThrows(IllegalStateException.class,
                () -> journal.append(entries.buffer(), 0, entries.encode(5, TestEntries.DAY1_NANOS)));
            assertTrue(gap.getMessage().contains("entry sequence 5 is not the next sequence 2"), gap.getMessage());
            assertEquals(1, journal.lastSequence());
        }
    }

    @Test
    void appendEnforcesTheEntryLengthLimits()
    {
        final TestEntries entries = new TestEntries();
        try (Journal journal = open())
        {
            final int atLimit = entries.encode(1, TestEntries.DAY1_NANOS,
                new byte[Journal.MAX_ENTRY_LENGTH - entries.encode(1, TestEntries.DAY1_NANOS)]);
            assertEquals(Journal.MAX_ENTRY_LENGTH, atLimit);
            journal.append(entries.buffer(), 0, atLimit);
            final int overLimit = entries.encode(2, TestEntries.DAY1_NANOS,
                new byte[Journal.MAX_ENTRY_LENGTH + 1 - entries.encode(2, TestEntries.DAY1_NANOS)]);
            assertThrows(IllegalArgumentException.class, () -> journal.append(entries.buffer(), 0, overLimit));
            assertThrows(IllegalArgumentException.class,
                () -> journal.append(entries.buffer(), 0, Journal.MIN_ENTRY_LENGTH - 1));
            final TestEntries.Collector collector = new TestEntries.Collector();
            assertTrue(journal.read(1, collector));
            assertEquals(Journal.MAX_ENTRY_LENGTH, collector.payloads.get(0).length);
        }
    }

    @Test
    void readOnlyJournalRefusesAppends()
    {
        try (Journal journal = open())
        {
            TestEntries.appendMany(journal, 1, 3, TestEntries.DAY1_NANOS);
        }
        try (Journal reader = new Journal(new JournalContext().directory(dir).readOnly(true)))
        {
            assertEquals(3, reader.lastSequence());
            final TestEntries entries = new TestEntries();
            assertThrows(IllegalStateException.class, () -> reader.append(entries.buffer(), 0, entries.encode(4, 1)));
            assertEquals(3, reader.readRange(1, 3, new TestEntries.Collector()));
        }
    }

    @Test
    void entriesRollOnJournalTimeAndAreFoundAcrossCycles() throws IOException
    {
        final TestEntries entries = new TestEntries();
        try (Journal journal = open())
        {
            for (long s = 1; s <= 50; s++)
            {
                journal.append(entries.buffer(), 0, entries.encode(s, TestEntries.DAY1_NANOS + s));
            }
            for (long s = 51; s <= 120; s++)
            {
                journal.append(entries.buffer(), 0, entries.encode(s, TestEntries.DAY2_NANOS + s));
            }
            assertEquals(List.of("20240301F.cq4", "20240302F.cq4"), cycleFiles());
            for (final long s : new long[] {1, 25, 50, 51, 52, 100, 120})
            {
                final TestEntries.Collector one = new TestEntries.Collector();
                assertTrue(journal.read(s, one), "sequence " + s);
                assertEquals(List.of(s), one.sequences);
            }
            final TestEntries.Collector across = new TestEntries.Collector();
            assertEquals(21, journal.readRange(40, 60, across));
            assertEquals(LongStream.rangeClosed(40, 60).boxed().collect(Collectors.toList()), across.sequences);
        }
        try (Journal reopened = open())
        {
            assertEquals(120, reopened.lastSequence());
            assertEquals(1, reopened.firstSequence());
            assertTrue(reopened.read(77, new TestEntries.Collector()));
        }
    }

    private List<String> cycleFiles() throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted()
                .collect(Collectors.toList());
        }
    }
}

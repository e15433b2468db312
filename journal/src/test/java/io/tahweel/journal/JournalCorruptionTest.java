package io.tahweel.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalCorruptionTest
{
    @TempDir
    Path dir;

    private Journal open(final boolean readOnly)
    {
        return new Journal(new JournalContext().directory(dir).readOnly(readOnly));
    }

    private void writeMarked(final long from, final long to)
    {
        final TestEntries entries = new TestEntries();
        try (Journal journal = open(false))
        {
            for (long s = from; s <= to; s++)
            {
                journal.append(entries.buffer(), 0, entries.encodeMarked(s, TestEntries.DAY1_NANOS + s));
            }
        }
    }

    @Test
    void crcMismatchInTheMiddleNamesTheSequence() throws IOException
    {
        writeMarked(1, 10);
        RawQueueFiles.flipBodyByte(dir, 5);
        try (Journal journal = open(false))
        {
            assertEquals(10, journal.lastSequence());
            final TestEntries.Collector collector = new TestEntries.Collector();
            final JournalCorruptedException ex = assertThrows(JournalCorruptedException.class,
                () -> journal.readRange(1, 10, collector));
            assertEquals(5, ex.sequence());
            assertTrue(ex.getMessage().contains("sequence 5") && ex.getMessage().contains("CRC mismatch"), ex.getMessage());
            assertEquals(LongStream.rangeClosed(1, 4).boxed().collect(Collectors.toList()), collector.sequences);

            assertThrows(JournalCorruptedException.class, () -> journal.read(5, collector));
            assertTrue(journal.read(6, new TestEntries.Collector()));

            try (JournalTailer tailer = journal.tailer(1))
            {
                final TestEntries.Collector tailed = new TestEntries.Collector();
                final JournalCorruptedException again = assertThrows(JournalCorruptedException.class,
                    () -> tailer.poll(tailed, 100));
                assertTrue(again.getMessage().contains("sequence 5"), again.getMessage());
                assertThrows(JournalCorruptedException.class, () -> tailer.poll(tailed, 100), "does not skip the damage");
            }
        }
    }

    @Test
    void crcMismatchOfTheLastEntryIsATornTailThatIsVoidedOnOpen() throws IOException
    {
        writeMarked(1, 10);
        RawQueueFiles.flipBodyByte(dir, 10);
        try (Journal reader = open(true))
        {
            assertEquals(9, reader.lastSequence(), "a reader never sees the torn entry");
            assertEquals(9, reader.readRange(1, 10, new TestEntries.Collector()));
        }
        try (Journal journal = open(false))
        {
            assertEquals(1, journal.voidedTornEntries());
            assertEquals(9, journal.lastSequence());
            assertFalse(journal.read(10, new TestEntries.Collector()));
            final TestEntries entries = new TestEntries();
            journal.append(entries.buffer(), 0, entries.encodeMarked(10, TestEntries.DAY1_NANOS + 10));
            journal.append(entries.buffer(), 0, entries.encodeMarked(11, TestEntries.DAY1_NANOS + 11));
            final TestEntries.Collector all = new TestEntries.Collector();
            assertEquals(11, journal.readRange(1, 11, all));
            assertEquals(LongStream.rangeClosed(1, 11).boxed().collect(Collectors.toList()), all.sequences);
            assertTrue(journal.read(11, new TestEntries.Collector()), "find-by-sequence steps over the void");
        }
        try (Journal reopened = open(false))
        {
            assertEquals(0, reopened.voidedTornEntries());
            assertEquals(11, reopened.lastSequence());
            assertEquals(11, reopened.readRange(1, 20, new TestEntries.Collector()));
        }
    }

    @Test
    void damageBeforeTheTailIsNotMistakenForATornTail() throws IOException
    {
        writeMarked(1, 10);
        RawQueueFiles.flipBodyByte(dir, 9);
        RawQueueFiles.flipBodyByte(dir, 10);
        final JournalCorruptedException ex = assertThrows(JournalCorruptedException.class, () -> open(false).close());
        assertTrue(ex.getMessage().contains("sequence 9 before the tail"), ex.getMessage());
        assertEquals(9, ex.sequence());
    }
}

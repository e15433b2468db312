package io.tahweel.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTailerTest
{
    @TempDir
    Path dir;

    @Test
    void tailerSeesEntriesAppendedLater()
    {
        try (Journal journal = new Journal(new JournalContext().directory(dir));
            JournalTailer tailer = journal.tailer(1))
        {
            final TestEntries.Collector seen = new TestEntries.Collector();
            assertEquals(0, tailer.poll(seen, 10));
            TestEntries.appendMany(journal, 1, 5, TestEntries.DAY1_NANOS);
            assertEquals(3, tailer.poll(seen, 3));
            assertEquals(2, tailer.poll(seen, 10));
            assertEquals(0, tailer.poll(seen, 10));
            TestEntries.appendMany(journal, 6, 8, TestEntries.DAY2_NANOS);
            assertEquals(3, tailer.poll(seen, 10));
            assertEquals(LongStream.rangeClosed(1, 8).boxed().collect(Collectors.toList()), seen.sequences);
            assertEquals(9, tailer.nextSequence());
        }
    }

    @Test
    void tailerStartsAtAnySequenceIncludingOnesNotYetWritten()
    {
        try (Journal journal = new Journal(new JournalContext().directory(dir)))
        {
            TestEntries.appendMany(journal, 1, 20, TestEntries.DAY1_NANOS);
            try (JournalTailer middle = journal.tailer(15);
                JournalTailer future = journal.tailer(23))
            {
                final TestEntries.Collector fromMiddle = new TestEntries.Collector();
                assertEquals(6, middle.poll(fromMiddle, 100));
                assertEquals(15L, fromMiddle.sequences.get(0));
                final TestEntries.Collector fromFuture = new TestEntries.Collector();
                assertEquals(0, future.poll(fromFuture, 100));
                TestEntries.appendMany(journal, 21, 25, TestEntries.DAY2_NANOS);
                assertEquals(3, future.poll(fromFuture, 100));
                assertEquals(java.util.List.of(23L, 24L, 25L), fromFuture.sequences);
            }
            assertThrows(IllegalArgumentException.class, () -> journal.tailer(0));
        }
    }

    @Test
    void readOnlyJournalTailsAWriter()
    {
        try (Journal writer = new Journal(new JournalContext().directory(dir)))
        {
            TestEntries.appendMany(writer, 1, 10, TestEntries.DAY1_NANOS);
            try (Journal reader = new Journal(new JournalContext().directory(dir).readOnly(true));
                JournalTailer tailer = reader.tailer(1))
            {
                final TestEntries.Collector seen = new TestEntries.Collector();
                assertEquals(10, tailer.poll(seen, 100));
                assertEquals(0, tailer.poll(seen, 100));
                TestEntries.appendMany(writer, 11, 30, TestEntries.DAY1_NANOS);
                TestEntries.appendMany(writer, 31, 40, TestEntries.DAY2_NANOS);
                int total = 0;
                for (int i = 0; i < 100 && total < 30; i++)
                {
                    total += tailer.poll(seen, 7);
                }
                assertEquals(30, total);
                assertEquals(LongStream.rangeClosed(1, 40).boxed().collect(Collectors.toList()), seen.sequences);
                assertEquals(40, reader.lastSequence());
                assertEquals(1, reader.readRange(35, 35, new TestEntries.Collector()));
            }
        }
    }
}

package io.tahweel.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards the steady-state promise: appending and tailing allocate nothing per entry.
 */
class JournalAllocationTest
{
    private static final int WARMUP = 20_000;
    private static final int MEASURED = 20_000;
    /**
     * Less than one byte per entry: the smallest object is 16 bytes, so any per-entry allocation
     * fails, while Chronicle's occasional one-offs (index blocks every few thousand entries) pass.
     */
    private static final long ALLOWED_BYTES = MEASURED;

    @TempDir
    Path dir;

    private long sum;

    @Test
    void appendAndPollDoNotAllocatePerEntry()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        final TestEntries entries = new TestEntries();
        final EntryHandler handler = (buffer, offset, length, sequence) -> sum += length;
        try (Journal journal = new Journal(new JournalContext().directory(dir));
            JournalTailer tailer = journal.tailer(1))
        {
            long sequence = 0;
            for (int i = 0; i < WARMUP; i++)
            {
                sequence++;
                journal.append(entries.buffer(), 0, entries.encode(sequence, TestEntries.DAY1_NANOS + sequence));
                tailer.poll(handler, 1);
            }
            long before = threads.getThreadAllocatedBytes(threadId);
            for (int i = 0; i < MEASURED; i++)
            {
                sequence++;
                journal.append(entries.buffer(), 0, entries.encode(sequence, TestEntries.DAY1_NANOS + sequence));
            }
            final long appendAllocated = threads.getThreadAllocatedBytes(threadId) - before;
            before = threads.getThreadAllocatedBytes(threadId);
            for (int i = 0; i < MEASURED; i++)
            {
                tailer.poll(handler, 1);
            }
            final long pollAllocated = threads.getThreadAllocatedBytes(threadId) - before;
            final long allocated = appendAllocated + pollAllocated;
            assertEquals(WARMUP + MEASURED, journal.lastSequence());
            assertTrue(allocated < ALLOWED_BYTES, "allocated " + appendAllocated + " bytes appending and " + pollAllocated + " polling " + + MEASURED + " entries");
        }
    }
}

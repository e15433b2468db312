package io.tahweel.journal;

import java.nio.file.Path;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Child process for crash tests. Modes:
 * <ul>
 *   <li>{@code loop DIR READY_AFTER}: append forever, printing READY once READY_AFTER entries are in;
 *   the parent kills it with SIGKILL.</li>
 *   <li>{@code partial DIR COUNT}: append COUNT entries, then start a document, write half an
 *   entry and halt without completing it, leaving an incomplete header and a held write lock.</li>
 * </ul>
 */
public final class TornTailWriterMain
{
    private TornTailWriterMain()
    {
    }

    public static void main(final String[] args)
    {
        final Path dir = Path.of(args[1]);
        final long count = Long.parseLong(args[2]);
        if ("loop".equals(args[0]))
        {
            loop(dir, count);
        }
        else
        {
            partial(dir, count);
        }
    }

    private static void loop(final Path dir, final long readyAfter)
    {
        final TestEntries entries = new TestEntries();
        try (Journal journal = new Journal(new JournalContext().directory(dir)))
        {
            long sequence = journal.lastSequence();
            while (true)
            {
                sequence++;
                journal.append(entries.buffer(), 0, entries.encode(sequence, TestEntries.DAY1_NANOS + sequence * 1000,
                    new byte[(int)(sequence % 200)]));
                if (sequence == readyAfter)
                {
                    System.out.println("READY");
                    System.out.flush();
                }
            }
        }
    }

    private static void partial(final Path dir, final long count)
    {
        try (Journal journal = new Journal(new JournalContext().directory(dir)))
        {
            TestEntries.appendMany(journal, 1, count, TestEntries.DAY1_NANOS);
        }
        final JournalClock clock = new JournalClock();
        clock.entryTimestampNanos(TestEntries.DAY1_NANOS + count + 1);
        final SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).timeProvider(clock)
            .rollCycle(JournalContext.DEFAULT_ROLL_CYCLE).build();
        final ExcerptAppender appender = queue.createAppender();
        final TestEntries entries = new TestEntries();
        final int length = entries.encode(count + 1, TestEntries.DAY1_NANOS + count + 1, new byte[100]);
        final DocumentContext dc = appender.writingDocument();
        dc.wire().bytes().writeInt(length);
        dc.wire().bytes().writeInt(0);
        for (int i = 0; i < length / 2; i++)
        {
            dc.wire().bytes().writeByte(entries.buffer().getByte(i));
        }
        System.out.println("HALTING");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}

package io.tahweel.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pretoucher writes through a mapping of the journal's own files while the appender writes: it
 * must never change a byte Chronicle wrote, may only grow a file with zeros, and must run ahead.
 */
class JournalPretoucherTest
{
    private static final int ENTRIES = 60_000;
    private static final int BODY = 300; // ~20 MB in all: more than the pretoucher's reach ahead

    @TempDir
    Path with;

    @TempDir
    Path without;

    @Test
    void theJournalsFilesAreByteForByteThoseWrittenWithoutIt() throws Exception
    {
        final long touched = write(with, true);
        write(without, false);

        assertTrue(touched > JournalPretoucher.AHEAD / 4096, "pages touched ahead: " + touched);
        final List<Path> files = cycleFiles(without);
        assertEquals(files.stream().map(Path::getFileName).collect(Collectors.toList()),
            cycleFiles(with).stream().map(Path::getFileName).collect(Collectors.toList()));
        for (final Path file : files)
        {
            final byte[] expected = Files.readAllBytes(file);
            final Path grown = with.resolve(file.getFileName());
            assertTrue(Files.size(grown) >= expected.length, "grown ahead, never shrunk: " + file.getFileName());
            assertArrayEquals(expected, read(grown, 0, expected.length), "content of " + file.getFileName());
            assertEquals(-1, firstNonZero(grown, expected.length), "grown part of " + file.getFileName());
        }
    }

    @Test
    void everyEntryReadsBackWhileItRuns()
    {
        try (Journal journal = new Journal(new JournalContext().directory(with).pretouch(true)))
        {
            appendEntries(journal);
            final long[] expected = {1};
            assertEquals(ENTRIES, journal.readRange(1, ENTRIES, (b, o, l, s) -> assertEquals(expected[0]++, s)));
        }
    }

    /** Appends the same entries; with the pretoucher, waits until it has run ahead of the last. */
    private static long write(final Path dir, final boolean pretouch) throws InterruptedException
    {
        try (Journal journal = new Journal(new JournalContext().directory(dir).pretouch(pretouch)))
        {
            appendEntries(journal);
            if (!pretouch)
            {
                return 0;
            }
            final long deadline = System.nanoTime() + 10_000_000_000L;
            long touched;
            while ((touched = journal.pretouchedPages()) < JournalPretoucher.AHEAD / 4096 && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
            return touched;
        }
    }

    private static void appendEntries(final Journal journal)
    {
        final TestEntries entries = new TestEntries();
        final byte[] body = new byte[BODY];
        for (long s = 1; s <= ENTRIES; s++)
        {
            body[(int)(s % BODY)] = (byte)s;
            journal.append(entries.buffer(), 0, entries.encode(s, TestEntries.DAY1_NANOS + s, body));
        }
    }

    private static byte[] read(final Path file, final long from, final int length) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file))
        {
            final ByteBuffer bytes = ByteBuffer.allocate(length);
            while (bytes.hasRemaining() && channel.read(bytes, from + bytes.position()) > 0)
            {
                // read on
            }
            return bytes.array();
        }
    }

    /** Index of the first non-zero byte at or after {@code from}, or -1. */
    private static long firstNonZero(final Path file, final long from) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file))
        {
            final ByteBuffer bytes = ByteBuffer.allocate(1 << 20);
            long position = from;
            int read;
            while ((read = channel.read(bytes.clear(), position)) > 0)
            {
                for (int i = 0; i < read; i++)
                {
                    if (bytes.get(i) != 0)
                    {
                        return position + i;
                    }
                }
                position += read;
            }
            return -1;
        }
    }

    private static List<Path> cycleFiles(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(f -> f.toString().endsWith(".cq4")).sorted().collect(Collectors.toList());
        }
    }
}

package io.tahweel.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class JournalRoundTripPropertyTest
{
    @Property(tries = 50)
    boolean arbitraryPayloadsRoundTrip(@ForAll @Size(max = 20) final List<@Size(max = 2000) byte[]> payloads)
        throws IOException
    {
        final Path dir = Files.createTempDirectory("journal-prop");
        try
        {
            final TestEntries entries = new TestEntries();
            final List<byte[]> written = new ArrayList<>();
            try (Journal journal = new Journal(new JournalContext().directory(dir)))
            {
                long sequence = 0;
                for (final byte[] payload : payloads)
                {
                    sequence++;
                    final int length = entries.encode(sequence, TestEntries.DAY1_NANOS + sequence, payload);
                    final byte[] copy = new byte[length];
                    entries.buffer().getBytes(0, copy);
                    written.add(copy);
                    journal.append(entries.buffer(), 0, length);
                }
            }
            try (Journal journal = new Journal(new JournalContext().directory(dir).readOnly(!payloads.isEmpty())))
            {
                final TestEntries.Collector collector = new TestEntries.Collector();
                final int read = journal.readRange(1, Long.MAX_VALUE, collector);
                if (read != written.size())
                {
                    return false;
                }
                for (int i = 0; i < read; i++)
                {
                    if (!java.util.Arrays.equals(written.get(i), collector.payloads.get(i)) ||
                        collector.sequences.get(i) != i + 1)
                    {
                        return false;
                    }
                }
                return journal.lastSequence() == written.size();
            }
        }
        finally
        {
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(final Path dir) throws IOException
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(path);
            }
        }
    }
}

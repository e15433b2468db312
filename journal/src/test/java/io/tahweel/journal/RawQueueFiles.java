package io.tahweel.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Damages queue files the way a disk or a crash would, for corruption tests. Entries written with
 * {@link TestEntries#encodeMarked} are found by their marker and sequence.
 */
final class RawQueueFiles
{
    private RawQueueFiles()
    {
    }

    /**
     * Flip one byte of the SBE body of the marked entry with this sequence (the tickId), leaving the
     * Chronicle document and our frame header intact so only the CRC can tell.
     */
    static void flipBodyByte(final Path dir, final long sequence) throws IOException
    {
        for (final Path file : cycleFiles(dir))
        {
            final long markerAt = find(file, marker(sequence));
            if (markerAt >= 0)
            {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
                {
                    final long position = markerAt - 3;
                    final ByteBuffer one = ByteBuffer.allocate(1);
                    channel.read(one, position);
                    one.flip();
                    final byte flipped = (byte)(one.get(0) ^ 0x5A);
                    channel.write(ByteBuffer.wrap(new byte[] {flipped}), position);
                    channel.force(true);
                }
                return;
            }
        }
        throw new AssertionError("entry " + sequence + " not found in " + dir);
    }

    static boolean contains(final Path dir, final byte[] pattern) throws IOException
    {
        for (final Path file : cycleFiles(dir))
        {
            if (find(file, pattern) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    static List<Path> cycleFiles(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(p -> p.getFileName().toString().endsWith(".cq4")).sorted().collect(Collectors.toList());
        }
    }

    private static byte[] marker(final long sequence)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(TestEntries.MARKER.length + Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        return buffer.put(TestEntries.MARKER).putLong(sequence).array();
    }

    private static long find(final Path file, final byte[] pattern) throws IOException
    {
        final byte[] content = Files.readAllBytes(file);
        outer:
        for (int i = 0; i <= content.length - pattern.length; i++)
        {
            for (int j = 0; j < pattern.length; j++)
            {
                if (content[i + j] != pattern[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

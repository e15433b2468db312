package io.tahweel.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.agrona.DirectBuffer;

/**
 * Snapshots of the core's state in a directory, one file per sequence, so a restart loads the
 * newest one and replays only the journal after it.
 *
 * <p>File {@code snapshot-<sequence, 20 digits>.snap}, little-endian:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  magic "TWSNAP" (6 bytes, ASCII)                              |
 *  +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                               |  format version (u16) = 1     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  sequence (i64): last journal entry reflected                 |
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  timestamp (i64): journal time of that entry, ns since epoch  |
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  payload length (i32)                                         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  CRC32C of the payload (i32)                                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  payload (opaque to the journal) ...                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * A new format gets a new version number and a reader for the old one; version 1 files must keep
 * loading.
 *
 * <p>Writes are atomic: a temporary file is written, forced to disk, then moved over the final
 * name and the directory forced, so a crash leaves either the whole snapshot or none. Not the hot
 * path: it allocates freely.
 */
public final class SnapshotStore
{
    /** Magic bytes at the start of every snapshot file. */
    public static final byte[] MAGIC = {'T', 'W', 'S', 'N', 'A', 'P'};
    /** Format version written by this code. */
    public static final int FORMAT_VERSION = 1;
    /** Header length in bytes. */
    public static final int HEADER_LENGTH = 32;
    /** Largest payload accepted, so a damaged length field can never ask for an absurd allocation. */
    public static final int MAX_PAYLOAD_LENGTH = 512 * 1024 * 1024;

    private static final int VERSION_OFFSET = 6;
    private static final int SEQUENCE_OFFSET = 8;
    private static final int TIMESTAMP_OFFSET = 16;
    private static final int LENGTH_OFFSET = 24;
    private static final int CRC_OFFSET = 28;
    private static final String SUFFIX = ".snap";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final Pattern NAME = Pattern.compile("snapshot-(\\d{20})\\.snap");
    private static final Logger LOGGER = System.getLogger(SnapshotStore.class.getName());

    private final Path directory;
    private final List<String> skipped = new ArrayList<>();

    /**
     * @param directory holding the snapshots; created if missing.
     */
    public SnapshotStore(final Path directory)
    {
        this.directory = directory;
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Write the snapshot for a sequence atomically, replacing any existing one for that sequence.
     *
     * @throws IllegalArgumentException if the payload exceeds {@link #MAX_PAYLOAD_LENGTH} or the
     *                                  sequence is negative.
     */
    public void write(final long sequence, final long timestampNanos, final DirectBuffer payload, final int offset,
        final int length)
    {
        if (length < 0 || length > MAX_PAYLOAD_LENGTH)
        {
            throw new IllegalArgumentException("snapshot payload length " + length + " outside 0.." + MAX_PAYLOAD_LENGTH);
        }
        if (sequence < 0)
        {
            throw new IllegalArgumentException("snapshot sequence must be >= 0: " + sequence);
        }
        // A heap-backed payload (the core's snapshot writer) is written in place: no second copy of ~100 MB.
        final byte[] array = payload.byteArray();
        final byte[] bytes;
        final int from;
        if (array != null)
        {
            bytes = array;
            from = payload.wrapAdjustment() + offset;
        }
        else
        {
            bytes = new byte[length];
            payload.getBytes(offset, bytes);
            from = 0;
        }
        final CRC32C crc = new CRC32C();
        crc.update(bytes, from, length);
        final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).putShort((short)FORMAT_VERSION).putLong(sequence).putLong(timestampNanos)
            .putInt(length).putInt((int)crc.getValue()).flip();

        final Path target = fileFor(sequence);
        final Path temp = directory.resolve(target.getFileName() + TEMP_SUFFIX);
        try
        {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING))
            {
                writeFully(channel, header);
                writeFully(channel, ByteBuffer.wrap(bytes, from, length));
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("writing snapshot " + target, ex);
        }
    }

    /**
     * @return the newest snapshot that loads and verifies; damaged newer ones are skipped, logged
     * and listed in {@link #skippedReasons()}.
     */
    public Optional<Snapshot> latest()
    {
        skipped.clear();
        final List<Long> sequences = sequences();
        for (int i = sequences.size() - 1; i >= 0; i--)
        {
            final Path file = fileFor(sequences.get(i));
            try
            {
                return Optional.of(load(file));
            }
            catch (final SnapshotCorruptedException | UncheckedIOException ex)
            {
                skipped.add(ex.getMessage());
                LOGGER.log(Level.WARNING, "skipping snapshot: {0}", ex.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * @return why snapshots were skipped by the last {@link #latest()}, newest first.
     */
    public List<String> skippedReasons()
    {
        return Collections.unmodifiableList(new ArrayList<>(skipped));
    }

    /**
     * Load and verify one snapshot file.
     *
     * @throws SnapshotCorruptedException naming the file if its magic, version, length, sequence or CRC is wrong.
     */
    public Snapshot load(final Path file)
    {
        final byte[] content;
        try
        {
            content = Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("reading snapshot " + file, ex);
        }
        if (content.length < HEADER_LENGTH)
        {
            throw new SnapshotCorruptedException(file, "truncated header: " + content.length + " bytes");
        }
        final ByteBuffer header = ByteBuffer.wrap(content, 0, HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < MAGIC.length; i++)
        {
            if (content[i] != MAGIC[i])
            {
                throw new SnapshotCorruptedException(file, "bad magic, not a Tahweel snapshot");
            }
        }
        final int version = header.getShort(VERSION_OFFSET) & 0xFFFF;
        if (FORMAT_VERSION != version)
        {
            throw new SnapshotCorruptedException(file, "unsupported format version " + version);
        }
        final long sequence = header.getLong(SEQUENCE_OFFSET);
        final long timestampNanos = header.getLong(TIMESTAMP_OFFSET);
        final int length = header.getInt(LENGTH_OFFSET);
        if (length < 0 || length > MAX_PAYLOAD_LENGTH || HEADER_LENGTH + (long)length != content.length)
        {
            throw new SnapshotCorruptedException(file, "payload length " + length + " does not match file size " +
                content.length);
        }
        final Matcher name = NAME.matcher(file.getFileName().toString());
        if (name.matches() && Long.parseLong(name.group(1)) != sequence)
        {
            throw new SnapshotCorruptedException(file, "header sequence " + sequence + " does not match file name");
        }
        final CRC32C crc = new CRC32C();
        crc.update(content, HEADER_LENGTH, length);
        final int storedCrc = header.getInt(CRC_OFFSET);
        if ((int)crc.getValue() != storedCrc)
        {
            throw new SnapshotCorruptedException(file, "payload CRC mismatch (stored 0x" + Integer.toHexString(storedCrc) +
                ", computed 0x" + Integer.toHexString((int)crc.getValue()) + ")");
        }
        final byte[] payload = new byte[length];
        System.arraycopy(content, HEADER_LENGTH, payload, 0, length);
        return new Snapshot(sequence, timestampNanos, payload);
    }

    /**
     * @return the sequences of the snapshot files present, ascending (not verified).
     */
    public List<Long> sequences()
    {
        final List<Long> sequences = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory))
        {
            files.forEach(file ->
            {
                final Matcher matcher = NAME.matcher(file.getFileName().toString());
                if (matcher.matches())
                {
                    sequences.add(Long.parseLong(matcher.group(1)));
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        Collections.sort(sequences);
        return sequences;
    }

    /**
     * Delete all but the newest {@code keep} snapshots, and any temporary file a crash left behind.
     *
     * @param keep how many to keep, at least 1 so recovery always has a starting point.
     * @return how many snapshot files were deleted.
     */
    public int prune(final int keep)
    {
        if (keep < 1)
        {
            throw new IllegalArgumentException("must keep at least one snapshot: " + keep);
        }
        final List<Long> sequences = sequences();
        int deleted = 0;
        try
        {
            for (int i = 0; i < sequences.size() - keep; i++)
            {
                Files.deleteIfExists(fileFor(sequences.get(i)));
                deleted++;
            }
            try (Stream<Path> files = Files.list(directory))
            {
                for (final Path file : (Iterable<Path>)files::iterator)
                {
                    if (file.getFileName().toString().endsWith(SUFFIX + TEMP_SUFFIX))
                    {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return deleted;
    }

    /**
     * @return the path of the snapshot file for a sequence.
     */
    public Path fileFor(final long sequence)
    {
        return directory.resolve(String.format("snapshot-%020d%s", sequence, SUFFIX));
    }

    private void forceDirectory() throws IOException
    {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ))
        {
            dir.force(true);
        }
    }

    private static void writeFully(final FileChannel channel, final ByteBuffer buffer) throws IOException
    {
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
    }
}

package io.tahweel.journal;

import java.nio.file.Path;

/**
 * Thrown when a snapshot file cannot be trusted: wrong magic, unknown format version, truncated,
 * or a payload failing its CRC. Names the file so an operator can remove or inspect it.
 */
public final class SnapshotCorruptedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param file   that failed.
     * @param reason what was wrong with it.
     */
    public SnapshotCorruptedException(final Path file, final String reason)
    {
        super("snapshot " + file + ": " + reason);
    }
}

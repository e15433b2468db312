package io.tahweel.engine.core;

import org.agrona.DirectBuffer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A SHA-256 digest of the core's state at a sequence; the divergence detector. */
public record StateHash(long sequence, String hex)
{
    public static StateHash of(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            final byte[] array = buffer.byteArray();
            if (null != array)
            {
                // A heap buffer (as SnapshotWriter's): digest it in place rather than copying it out.
                digest.update(array, buffer.wrapAdjustment() + offset, length);
                return new StateHash(sequence, HexFormat.of().formatHex(digest.digest()));
            }
            final byte[] chunk = new byte[8192];
            for (int position = 0; position < length; position += chunk.length)
            {
                final int n = Math.min(chunk.length, length - position);
                buffer.getBytes(offset + position, chunk, 0, n);
                digest.update(chunk, 0, n);
            }
            return new StateHash(sequence, HexFormat.of().formatHex(digest.digest()));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is required by every JDK", ex);
        }
    }

    @Override
    public String toString()
    {
        return hex + "@" + sequence;
    }
}

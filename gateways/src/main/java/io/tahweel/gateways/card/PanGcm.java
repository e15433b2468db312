package io.tahweel.gateways.card;

import org.bouncycastle.crypto.modes.gcm.GCMUtil;
import org.bouncycastle.util.Pack;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * AES-128-GCM (NIST SP 800-38D) for the one shape of the PAN field: 12-byte nonce, 20-byte
 * plaintext, no associated data, 16-byte tag. It exists because javax.crypto's GCM must be
 * initialised again for every nonce, and that builds about 1 KB of engine objects per call on the
 * acquirer's event loop; this allocates nothing once constructed.
 * <p>
 * Only the composition is ours, and it is the standard's fixed-size case:
 * <pre>
 *   H          = AES(K, 0^128)                                    once, in the constructor
 *   J0         = nonce || 00000001
 *   E0, E1, E2 = AES(K, J0), AES(K, J0 + 1), AES(K, J0 + 2)       one 48-byte ECB call
 *   C          = P xor (E1 || E2)[0, 20)
 *   S          = GHASH_H(C[0, 16), C[16, 20) || 0^96, 0^64 || [160]_64)
 *   T          = E0 xor S
 * </pre>
 * The primitives are vetted and constant time: the JDK's AES, the block cipher its own GCM uses
 * (keyed once here; AES-NI on x86), and Bouncy Castle's {@link GCMUtil#multiply(long[], long[])}
 * for GF(2^128), which has no branch or table lookup on its operands. The tag is compared without
 * an early exit. Tests check the output equals the JDK's GCM byte for byte on many random keys,
 * nonces and plaintexts.
 * <p>
 * Not thread-safe: one instance per thread.
 */
final class PanGcm
{
    static final int NONCE_LENGTH = 12;
    static final int PLAIN_LENGTH = 20;
    static final int TAG_LENGTH = 16;
    /** Ciphertext then tag, as written after the nonce. */
    static final int SEALED_LENGTH = PLAIN_LENGTH + TAG_LENGTH;

    private static final int BLOCK = 16;
    private static final int BLOCKS = 3;
    /** GHASH's final block holds the bit lengths of the associated data (none) and the ciphertext. */
    private static final long CIPHERTEXT_BITS = PLAIN_LENGTH * 8L;

    private final Cipher aes;
    private final long[] h = new long[2];
    private final long[] s = new long[2];
    /** J0, J0 + 1, J0 + 2: the nonce is copied in per call, the 32-bit counters are fixed. */
    private final byte[] counters = new byte[BLOCKS * BLOCK];
    private final byte[] keyStream = new byte[BLOCKS * BLOCK];

    PanGcm(final SecretKey key)
    {
        aes = PanGcm.ecb(key);
        for (int i = 0; i < BLOCKS; i++)
        {
            counters[i * BLOCK + BLOCK - 1] = (byte)(i + 1);
        }
        final byte[] hash = new byte[BLOCK];
        aes(hash, hash);
        GCMUtil.asLongs(hash, h);
        Arrays.fill(hash, (byte)0);
    }

    /**
     * Writes the ciphertext of {@code plain[0, 20)} and its tag to {@code out[outOffset,
     * outOffset + SEALED_LENGTH)}. The nonce may lie in {@code out} before that range.
     */
    void encrypt(final byte[] nonce, final int nonceOffset, final byte[] plain, final byte[] out, final int outOffset)
    {
        keyStream(nonce, nonceOffset);
        for (int i = 0; i < PLAIN_LENGTH; i++)
        {
            out[outOffset + i] = (byte)(plain[i] ^ keyStream[BLOCK + i]);
        }
        tag(out, outOffset);
        Pack.longToBigEndian(s[0], out, outOffset + PLAIN_LENGTH);
        Pack.longToBigEndian(s[1], out, outOffset + PLAIN_LENGTH + 8);
        wipe();
    }

    /**
     * Checks the tag of {@code in[inOffset, inOffset + SEALED_LENGTH)} and, only if it holds,
     * writes the 20 plaintext bytes to {@code plain}.
     *
     * @return true when the bytes authenticate under this key and nonce.
     */
    boolean decrypt(final byte[] nonce, final int nonceOffset, final byte[] in, final int inOffset, final byte[] plain)
    {
        keyStream(nonce, nonceOffset);
        tag(in, inOffset);
        final long difference =
            (s[0] ^ Pack.bigEndianToLong(in, inOffset + PLAIN_LENGTH)) |
            (s[1] ^ Pack.bigEndianToLong(in, inOffset + PLAIN_LENGTH + 8));
        if (difference == 0)
        {
            for (int i = 0; i < PLAIN_LENGTH; i++)
            {
                plain[i] = (byte)(in[inOffset + i] ^ keyStream[BLOCK + i]);
            }
        }
        wipe();
        return difference == 0;
    }

    private void keyStream(final byte[] nonce, final int nonceOffset)
    {
        for (int i = 0; i < BLOCKS; i++)
        {
            System.arraycopy(nonce, nonceOffset, counters, i * BLOCK, NONCE_LENGTH);
        }
        aes(counters, keyStream);
    }

    /** Leaves the tag, E0 xor GHASH of the ciphertext at {@code c[offset, offset + 20)}, in {@link #s}. */
    private void tag(final byte[] c, final int offset)
    {
        s[0] = 0;
        s[1] = 0;
        ghash(Pack.bigEndianToLong(c, offset), Pack.bigEndianToLong(c, offset + 8));
        ghash((long)Pack.bigEndianToInt(c, offset + BLOCK) << 32, 0);
        ghash(0, CIPHERTEXT_BITS);
        s[0] ^= Pack.bigEndianToLong(keyStream, 0);
        s[1] ^= Pack.bigEndianToLong(keyStream, 8);
    }

    private void ghash(final long high, final long low)
    {
        s[0] ^= high;
        s[1] ^= low;
        GCMUtil.multiply(s, h);
    }

    /** The key stream and the tag state reveal the plaintext (or allow forgery): not left behind. */
    private void wipe()
    {
        Arrays.fill(keyStream, (byte)0);
        s[0] = 0;
        s[1] = 0;
    }

    private void aes(final byte[] in, final byte[] out)
    {
        try
        {
            if (aes.doFinal(in, 0, in.length, out, 0) != in.length)
            {
                throw new IllegalStateException("unexpected AES output length");
            }
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("AES failed: " + ex.getClass().getSimpleName(), ex);
        }
    }

    /** The raw block cipher, keyed once: ECB over counter blocks is how CTR (and so GCM) uses it. */
    static Cipher ecb(final SecretKey key)
    {
        try
        {
            final Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key);
            return cipher;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("no AES/ECB/NoPadding in this JDK", ex);
        }
    }
}

package io.tahweel.gateways.card;

import org.bouncycastle.util.Pack;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * GCM nonces for one thread without allocation: AES-128, under a key drawn from
 * {@link SecureRandom} for this generator alone, over a 64-bit counter, truncated to 96 bits.
 * {@code SecureRandom.nextBytes} would do, but the JDK's default (NativePRNG) allocates about 56
 * bytes per call and takes a lock shared by every thread.
 * <p>
 * Why this is as good as a random nonce: AES under a secret random key is a pseudorandom
 * permutation, so outputs for distinct counters cannot be told from random bytes by anyone without
 * that key (this is the generate step of CTR_DRBG, NIST SP 800-90A, without the key update that
 * gives backtracking resistance: a nonce is written in clear beside the ciphertext anyway). They
 * are therefore as unpredictable and as unlikely to repeat as 96-bit random nonces, the
 * RBG-based construction of NIST SP 800-38D 8.2.2, with its limit of 2^32 encryptions per GCM key.
 * Each thread, restart and node draws its own generator key, so their sequences are as
 * independent as separate random draws; the counter cannot wrap (2^64).
 * <p>
 * Not thread-safe: one instance per thread.
 */
final class NonceGenerator
{
    private static final int BLOCK = 16;

    private final Cipher aes;
    private final byte[] counter = new byte[BLOCK];
    private final byte[] block = new byte[BLOCK];
    private long count;

    NonceGenerator(final SecureRandom random)
    {
        final byte[] key = new byte[PanCipher.KEY_LENGTH];
        random.nextBytes(key);
        aes = PanGcm.ecb(new SecretKeySpec(key, "AES"));
        Arrays.fill(key, (byte)0);
    }

    /** Writes the next {@link PanGcm#NONCE_LENGTH} bytes of nonce to {@code out[offset, ...)}. */
    void next(final byte[] out, final int offset)
    {
        Pack.longToBigEndian(++count, counter, BLOCK - 8);
        try
        {
            aes.doFinal(counter, 0, BLOCK, block, 0);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("AES failed: " + ex.getClass().getSimpleName(), ex);
        }
        System.arraycopy(block, 0, out, offset, PanGcm.NONCE_LENGTH);
    }
}

package io.tahweel.gateways.card;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PanCipher#encrypt} runs on the acquirer's event loop for every authorization and
 * {@link PanCipher#decrypt} on the issuer output thread for every advice: once warm, neither
 * allocates. Measured with the thread's allocation counter over many calls, so a stray object of
 * a few bytes per call shows.
 */
class PanCipherAllocationTest
{
    private static final int WARM_UP = 30_000;
    private static final int MEASURED = 50_000;
    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private final PanCipher cipher = new PanCipher(KEY);
    private final byte[] pan = "4567123400000019".getBytes(StandardCharsets.US_ASCII);
    private final byte[] field = new byte[PanCipher.CIPHER_LENGTH];
    private final byte[] clear = new byte[PanMasker.MAX_PAN_LENGTH];

    @Test
    void encryptAllocatesNothingPerCall()
    {
        encrypt(WARM_UP);
        final long before = allocated();
        final long checksum = encrypt(MEASURED);
        final double perCall = (double)(allocated() - before) / MEASURED;
        assertTrue(checksum != 0 && perCall < 1, "bytes allocated per encryption: " + perCall);
    }

    @Test
    void decryptAllocatesNothingPerCall()
    {
        cipher.encrypt(pan, 0, pan.length, field, 0);
        decrypt(WARM_UP);
        final long before = allocated();
        final long checksum = decrypt(MEASURED);
        final double perCall = (double)(allocated() - before) / MEASURED;
        assertTrue(checksum == (long)MEASURED * pan.length && perCall < 1,
            "bytes allocated per decryption: " + perCall);
    }

    private long encrypt(final int count)
    {
        long checksum = 0;
        for (int i = 0; i < count; i++)
        {
            cipher.encrypt(pan, 0, pan.length, field, 0);
            checksum += field[i % PanCipher.CIPHER_LENGTH];
        }
        return checksum == 0 ? 1 : checksum;
    }

    private long decrypt(final int count)
    {
        long checksum = 0;
        for (int i = 0; i < count; i++)
        {
            checksum += cipher.decrypt(field, 0, clear);
        }
        return checksum;
    }

    private long allocated()
    {
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}

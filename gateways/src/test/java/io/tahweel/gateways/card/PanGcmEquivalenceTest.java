package io.tahweel.gateways.card;

import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PanGcm} is AES-128-GCM as the JDK computes it, byte for byte, so fields written before it
 * still decrypt and the JDK decrypts what it writes. Seeded: a failure prints the seed.
 */
class PanGcmEquivalenceTest
{
    private static final long SEED = 0x7a_68_77_65_65_6cL;
    private static final int KEYS = 20;
    private static final int PER_KEY = 100;

    @Test
    void sameBytesAsTheJdkForTheSameKeyNonceAndPlaintext() throws Exception
    {
        final Random random = new Random(SEED);
        final byte[] key = new byte[PanCipher.KEY_LENGTH];
        final byte[] field = new byte[PanCipher.CIPHER_LENGTH];
        final byte[] plain = new byte[PanGcm.PLAIN_LENGTH];
        final byte[] opened = new byte[PanGcm.PLAIN_LENGTH];
        for (int k = 0; k < KEYS; k++)
        {
            random.nextBytes(key);
            final PanGcm gcm = new PanGcm(new SecretKeySpec(key, "AES"));
            for (int i = 0; i < PER_KEY; i++)
            {
                random.nextBytes(field);
                random.nextBytes(plain);
                gcm.encrypt(field, 0, plain, field, PanGcm.NONCE_LENGTH);
                final byte[] jdk = jdkEncrypt(key, Arrays.copyOf(field, PanGcm.NONCE_LENGTH), plain);
                assertArrayEquals(jdk, field, "seed " + SEED + ", key " + k + ", input " + i);
                assertTrue(gcm.decrypt(field, 0, field, PanGcm.NONCE_LENGTH, opened));
                assertArrayEquals(plain, opened);
            }
        }
    }

    @Test
    void newEncryptDecryptsWithTheJdkAndTheJdksWithNewDecrypt() throws Exception
    {
        final Random random = new Random(SEED + 1);
        final byte[] key = new byte[PanCipher.KEY_LENGTH];
        final byte[] pan = new byte[PanMasker.MAX_PAN_LENGTH];
        final byte[] field = new byte[PanCipher.CIPHER_LENGTH];
        final byte[] out = new byte[PanMasker.MAX_PAN_LENGTH];
        for (int k = 0; k < KEYS; k++)
        {
            random.nextBytes(key);
            final PanCipher cipher = new PanCipher(key);
            for (int i = 0; i < PER_KEY; i++)
            {
                final int length = 12 + random.nextInt(8);
                for (int d = 0; d < length; d++)
                {
                    pan[d] = (byte)('0' + random.nextInt(10));
                }
                final String context = "seed " + SEED + ", key " + k + ", pan " + i;
                cipher.encrypt(pan, 0, length, field, 0);
                assertArrayEquals(padded(pan, length), jdkDecrypt(key, field), context);

                final byte[] nonce = new byte[PanGcm.NONCE_LENGTH];
                random.nextBytes(nonce);
                final byte[] jdkField = jdkEncrypt(key, nonce, padded(pan, length));
                assertEquals(length, cipher.decrypt(jdkField, 0, out), context);
                assertArrayEquals(Arrays.copyOf(pan, length), Arrays.copyOf(out, length), context);
            }
        }
    }

    @Test
    void everyFlippedBitIsInvalidAndAllZeroIsAbsent()
    {
        final PanCipher cipher = new PanCipher("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        final byte[] field = cipher.encrypt("4567123400000019");
        final byte[] out = new byte[PanMasker.MAX_PAN_LENGTH];
        for (int bit = 0; bit < PanCipher.CIPHER_LENGTH * 8; bit++)
        {
            field[bit / 8] ^= (byte)(1 << (bit % 8));
            assertEquals(PanCipher.INVALID, cipher.decrypt(field, 0, out), "bit " + bit);
            field[bit / 8] ^= (byte)(1 << (bit % 8));
        }
        assertEquals(16, cipher.decrypt(field, 0, out));
        assertEquals(PanCipher.ABSENT, cipher.decrypt(new byte[PanCipher.CIPHER_LENGTH], 0, out));
    }

    @Test
    void decryptsAFieldInsideALargerBuffer() throws Exception
    {
        final byte[] key = "fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
        final byte[] nonce = "nonce-twelve".getBytes(StandardCharsets.US_ASCII);
        final byte[] field = jdkEncrypt(key, nonce, padded("4000001234567899".getBytes(StandardCharsets.US_ASCII), 16));
        final byte[] buffer = new byte[7 + PanCipher.CIPHER_LENGTH + 5];
        System.arraycopy(field, 0, buffer, 7, field.length);
        final byte[] out = new byte[PanMasker.MAX_PAN_LENGTH];
        assertEquals(16, new PanCipher(key).decrypt(buffer, 7, out));
        assertEquals("4000001234567899", new String(out, 0, 16, StandardCharsets.US_ASCII));
    }

    @Test
    void noncesDoNotRepeatWithinOrAcrossGenerators()
    {
        final java.security.SecureRandom seeds = new java.security.SecureRandom();
        final Set<String> seen = new HashSet<>();
        final byte[] nonce = new byte[PanGcm.NONCE_LENGTH];
        for (int g = 0; g < 4; g++)
        {
            final NonceGenerator generator = new NonceGenerator(seeds);
            for (int i = 0; i < 20_000; i++)
            {
                generator.next(nonce, 0);
                assertTrue(seen.add(Arrays.toString(nonce)), "repeated nonce");
            }
        }
        assertFalse(seen.contains(Arrays.toString(new byte[PanGcm.NONCE_LENGTH])));
    }

    private static byte[] padded(final byte[] pan, final int length)
    {
        final byte[] plain = new byte[PanCipher.PADDED_PAN_LENGTH];
        System.arraycopy(pan, 0, plain, 0, length);
        return plain;
    }

    private static byte[] jdkEncrypt(final byte[] key, final byte[] nonce, final byte[] plain) throws Exception
    {
        final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        final byte[] field = new byte[PanCipher.CIPHER_LENGTH];
        System.arraycopy(nonce, 0, field, 0, PanGcm.NONCE_LENGTH);
        assertEquals(PanGcm.SEALED_LENGTH, cipher.doFinal(plain, 0, plain.length, field, PanGcm.NONCE_LENGTH));
        return field;
    }

    private static byte[] jdkDecrypt(final byte[] key, final byte[] field) throws Exception
    {
        final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
            new GCMParameterSpec(128, field, 0, PanGcm.NONCE_LENGTH));
        return cipher.doFinal(field, PanGcm.NONCE_LENGTH, PanGcm.SEALED_LENGTH);
    }
}

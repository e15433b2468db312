package io.tahweel.gateways.card;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PanCipherTest
{
    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final PanCipher cipher = new PanCipher(KEY);

    @Test
    void roundTripsEveryPanLengthInExactly48Bytes()
    {
        for (int length = 1; length <= PanMasker.MAX_PAN_LENGTH; length++)
        {
            final String pan = "4567123400000019999".substring(0, length);
            final byte[] field = cipher.encrypt(pan);
            assertEquals(48, field.length);
            assertFalse(contains(field, pan.getBytes(StandardCharsets.US_ASCII)) && length > 3, "no clear digits");
            final byte[] out = new byte[PanMasker.MAX_PAN_LENGTH];
            assertEquals(length, cipher.decrypt(field, 0, out));
            assertEquals(pan, new String(out, 0, length, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aFreshNonceEveryTimeSoTheSameCardCannotBeLinked()
    {
        final byte[] a = cipher.encrypt("4567123400000019");
        final byte[] b = cipher.encrypt("4567123400000019");
        assertFalse(java.util.Arrays.equals(a, b));
    }

    @Test
    void allZeroIsAbsentAndAnotherKeyOrDamageIsInvalid()
    {
        final byte[] out = new byte[19];
        assertEquals(PanCipher.ABSENT, cipher.decrypt(new byte[48], 0, out));
        final byte[] field = cipher.encrypt("4567123400000019");
        assertEquals(PanCipher.INVALID, new PanCipher("fedcba9876543210".getBytes(StandardCharsets.US_ASCII))
            .decrypt(field, 0, out));
        field[20] ^= 1;
        assertEquals(PanCipher.INVALID, cipher.decrypt(field, 0, out));
    }

    @Test
    void refusesNonDigitsAndOverlongPans()
    {
        assertThrows(IllegalArgumentException.class, () -> cipher.encrypt("4567-1234"));
        assertThrows(IllegalArgumentException.class, () -> cipher.encrypt("45671234000000199999"));
        assertThrows(IllegalArgumentException.class, () -> new PanCipher(new byte[15]));
    }

    @Test
    void keyFileIsGeneratedOnceAndReused(@TempDir final Path dir) throws Exception
    {
        final Path file = PanCipher.keyFile(dir);
        final PanCipher first = PanCipher.loadOrGenerate(file);
        assertTrue(Files.exists(file));
        final String key = Files.readString(file);
        final byte[] field = first.encrypt("4000001234567899");
        final PanCipher again = PanCipher.loadOrGenerate(file);
        assertEquals(key, Files.readString(file), "never overwritten");
        final byte[] out = new byte[19];
        assertEquals(16, again.decrypt(field, 0, out));
        assertArrayEquals("4000001234567899".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOf(out, 16));
    }

    /** Fields the javax.crypto implementation wrote (key "tahweel-fixture!"), as nonce + ciphertext + tag. */
    @Test
    void decryptsFieldsWrittenByTheJdkGcmImplementation()
    {
        final PanCipher fixtureCipher = new PanCipher("tahweel-fixture!".getBytes(StandardCharsets.US_ASCII));
        final String[][] fixtures = {
            {"4567123400000019",
                "fcea6eed04e8dff4e689debd" + "26913c9520fc0cdd0e13eb4dc2e739a4d11bc5b5" + "79c0cc97af097ed14911b1ec8f62de11"},
            {"5413330089020011234",
                "2c26d981fcb07203fb93de3e" + "83f94a5d89bc74848e4c8851de8dd9ad2dcf25d7" + "69843c736e365870ebce7b44e28d70d5"},
            {"400000123456",
                "173d396c1a5a272e0fd53978" + "e63d8a86f639fb5c94617b186d8ea81123e22de4" + "fcb9c804d484fff5fbde64ad9c8b8d26"},
        };
        final byte[] out = new byte[PanMasker.MAX_PAN_LENGTH];
        for (final String[] fixture : fixtures)
        {
            final int length = fixtureCipher.decrypt(java.util.HexFormat.of().parseHex(fixture[1]), 0, out);
            assertEquals(fixture[0], new String(out, 0, Math.max(length, 0), StandardCharsets.US_ASCII));
        }
    }

    private static boolean contains(final byte[] haystack, final byte[] needle)
    {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (haystack[i + j] != needle[j])
                {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}

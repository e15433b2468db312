package io.tahweel.gateways.card;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PanTokenizerTest
{
    /**
     * SipHash-2-4 64-bit outputs from the reference implementation's vectors ({@code vectors_sip64}
     * in vectors.h, CC0): key 00 01 .. 0f, message i = bytes 00 01 .. (i - 1).
     */
    private static final long[] VECTORS_SIP64 = {
        0x726fdb47dd0e0e31L, 0x74f839c593dc67fdL, 0x0d6c8009d9a94f5aL, 0x85676696d7fb7e2dL,
        0xcf2794e0277187b7L, 0x18765564cd99a68dL, 0xcbc9466e58fee3ceL, 0xab0200f58b01d137L,
        0x93f5f5799a932462L, 0x9e0082df0ba9e4b0L, 0x7a5dbbc594ddb9f3L, 0xf4b32f46226bada7L,
        0x751e8fbc860ee5fbL, 0x14ea5627c0843d90L, 0xf723ca908e7af2eeL, 0xa129ca6149be45e5L,
        0x3f2acc7f57c29bdbL, 0x699ae9f52cbe4794L, 0x4bc1b3f0968dd39cL, 0xbb6dc91da77961bdL,
        0xbed65cf21aa2ee98L, 0xd0f2cbb02e3b67c7L, 0x93536795e3a33e88L, 0xa80c038ccd5ccec8L,
        0xb8ad50c6f649af94L, 0xbce192de8a85b8eaL, 0x17d835b85bbb15f3L, 0x2f2e6163076bcfadL,
        0xde4daaaca71dc9a5L, 0xa6a2506687956571L, 0xad87a3535c49ef28L, 0x32d892fad841c342L,
        0x7127512f72f27cceL, 0xa7f32346f95978e3L, 0x12e0b01abb051238L, 0x15e034d40fa197aeL,
        0x314dffbe0815a3b4L, 0x027990f029623981L, 0xcadcd4e59ef40c4dL, 0x9abfd8766a33735cL,
        0x0e3ea96b5304a7d0L, 0xad0c42d6fc585992L, 0x187306c89bc215a9L, 0xd4a60abcf3792b95L,
        0xf935451de4f21df2L, 0xa9538f0419755787L, 0xdb9acddff56ca510L, 0xd06c98cd5c0975ebL,
        0xe612a3cb9ecba951L, 0xc766e62cfcadaf96L, 0xee64435a9752fe72L, 0xa192d576b245165aL,
        0x0a8787bf8ecb74b2L, 0x81b3e73d20b49b6fL, 0x7fa8220ba3b2eceaL, 0x245731c13ca42499L,
        0xb78dbfaf3a8d83bdL, 0xea1ad565322a1a0bL, 0x60e61c23a3795013L, 0x6606d7e446282b93L,
        0x6ca4ecb15c5f91e1L, 0x9f626da15c9625f3L, 0xe51b38608ef25f57L, 0x958a324ceb064572L,
    };

    private static final String PAN = "4000001234567899";

    static byte[] referenceKey()
    {
        final byte[] key = new byte[16];
        for (int i = 0; i < key.length; i++)
        {
            key[i] = (byte)i;
        }
        return key;
    }

    @Test
    void matchesTheSipHashReferenceVectors()
    {
        final byte[] message = new byte[64];
        for (int i = 0; i < message.length; i++)
        {
            message[i] = (byte)i;
        }
        for (int length = 0; length < VECTORS_SIP64.length; length++)
        {
            assertEquals(VECTORS_SIP64[length], PanTokenizer.sipHash24(referenceKey(), message, 0, length),
                "message length " + length);
        }
    }

    @Test
    void tokenIsTaggedSipHashOfTheDigits()
    {
        final byte[] message = ("T" + PAN).getBytes(StandardCharsets.US_ASCII);
        assertEquals(PanTokenizer.sipHash24(referenceKey(), message, 0, message.length),
            new PanTokenizer(referenceKey()).token(PAN));
    }

    @Test
    void tokenIsDeterministicAndDependsOnTheKey()
    {
        final PanTokenizer a = new PanTokenizer(referenceKey());
        final PanTokenizer b = new PanTokenizer(referenceKey());
        final byte[] otherKey = referenceKey();
        otherKey[15] ^= 1;
        final PanTokenizer c = new PanTokenizer(otherKey);

        assertEquals(a.token(PAN), b.token(PAN));
        assertNotEquals(a.token(PAN), c.token(PAN));
        assertNotEquals(a.prefixHash("400000"), c.prefixHash("400000"));
        assertNotEquals(a.keyCheckValue(), c.keyCheckValue());
        assertNotEquals(a.token(PAN), a.token("4000001234567881"));
    }

    @Test
    void tokenNeverEqualsPrefixHashOfTheSameDigits()
    {
        final PanTokenizer tokenizer = new PanTokenizer(referenceKey());
        for (final String digits : new String[]{ "400000", "40000012345", PAN, "1234567890123456789" })
        {
            assertNotEquals(tokenizer.token(digits), tokenizer.prefixHash(digits), digits);
        }
    }

    @Test
    void byteArrayBufferAndStringFormsAgree()
    {
        final PanTokenizer tokenizer = new PanTokenizer(referenceKey());
        final byte[] frame = ("xx" + PAN + "yy").getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);

        assertEquals(tokenizer.token(PAN), tokenizer.token(frame, 2, PAN.length()));
        assertEquals(tokenizer.token(PAN), tokenizer.token(buffer, 2, PAN.length()));
        assertEquals(tokenizer.prefixHash("400000"), tokenizer.prefixHash(frame, 2, 6));
        assertEquals(tokenizer.prefixHash("400000"), tokenizer.prefixHash(buffer, 2, 6));
    }

    @Test
    void prefixHashesAreThePrefixHashesOfSixToElevenDigits()
    {
        final PanTokenizer tokenizer = new PanTokenizer(referenceKey());
        final byte[] pan = PAN.getBytes(StandardCharsets.US_ASCII);
        final long[] fromArray = new long[6];
        final long[] fromBuffer = new long[6];
        tokenizer.prefixHashes(pan, 0, pan.length, fromArray);
        tokenizer.prefixHashes(new UnsafeBuffer(pan), 0, pan.length, fromBuffer);

        for (int i = 0; i < 6; i++)
        {
            assertEquals(tokenizer.prefixHash(PAN.substring(0, 6 + i)), fromArray[i], "digits " + (6 + i));
        }
        assertArrayEquals(fromArray, fromBuffer);
    }

    @Test
    void prefixHashesOfAShortPanFillOnlyPrefixesShorterThanThePan()
    {
        final PanTokenizer tokenizer = new PanTokenizer(referenceKey());
        final String pan = "40000012345";
        final long[] out = { 7, 7, 7, 7, 7, 7 };
        tokenizer.prefixHashes(pan.getBytes(StandardCharsets.US_ASCII), 0, pan.length(), out);

        for (int i = 0; i < 5; i++)
        {
            assertEquals(tokenizer.prefixHash(pan.substring(0, 6 + i)), out[i]);
        }
        assertEquals(0L, out[5]);
    }

    @Test
    void rejectsNonDigitsEmptyAndTooLongInput()
    {
        final PanTokenizer tokenizer = new PanTokenizer(referenceKey());
        assertThrows(IllegalArgumentException.class, () -> tokenizer.token("40000a1234567899"));
        assertThrows(IllegalArgumentException.class, () -> tokenizer.token(""));
        assertThrows(IllegalArgumentException.class, () -> tokenizer.token("12345678901234567890"));
        assertThrows(IllegalArgumentException.class, () -> tokenizer.prefixHashes(new byte[16], 0, 16, new long[6]));
        assertThrows(IllegalArgumentException.class, () -> new PanTokenizer(new byte[15]));
    }

    @Test
    void keyFileRoundTripsOwnerOnlyAndIsNeverOverwritten(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("keys").resolve("tokenization.key");
        PanTokenizer.generateKeyFile(file);

        final String hex = Files.readString(file).strip();
        assertEquals(32, hex.length());
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix"))
        {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        final PanTokenizer loaded = PanTokenizer.fromKeyFile(file);
        assertEquals(loaded.token(PAN), PanTokenizer.loadOrGenerate(file).token(PAN));
        assertThrows(FileAlreadyExistsException.class, () -> PanTokenizer.generateKeyFile(file));
        assertFalse(loaded.toString().contains(hex));
    }

    @Test
    void keyFileInReferenceKeyHexGivesTheReferenceKey(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("tokenization.key");
        Files.writeString(file, "000102030405060708090a0b0c0d0e0f\n");
        assertEquals(new PanTokenizer(referenceKey()).token(PAN), PanTokenizer.fromKeyFile(file).token(PAN));

        Files.writeString(file, "000102030405060708090a0b0c0d0e0g\n");
        assertThrows(java.io.IOException.class, () -> PanTokenizer.fromKeyFile(file));
        Files.writeString(file, "0001020304\n");
        assertThrows(java.io.IOException.class, () -> PanTokenizer.fromKeyFile(file));
    }
}

package io.tahweel.gateways.card;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Reversible encryption of a PAN for the one place the switch needs the card number again after
 * the request has gone: messages it owes a remote issuer later (stand-in, reversal and completion
 * advices), built from the journaled {@code Authorize} entry. The token ({@link PanTokenizer})
 * cannot be reversed; this can, but only with the gateway's key, which never enters the journal.
 * <p>
 * Layout of {@code Authorize.panCipher}, exactly {@link #CIPHER_LENGTH} bytes:
 * <pre>
 *   0      12                              32              48
 *   +------+-------------------------------+---------------+
 *   | nonce| AES-128-GCM(PAN digits, 0x00   | GCM tag       |
 *   | 12 B | padded to 20 bytes)           | 16 B          |
 *   +------+-------------------------------+---------------+
 *   all 48 bytes zero = absent (written by a gateway without a cipher)
 * </pre>
 * The nonce is unpredictable and fresh per encryption ({@link NonceGenerator}), so the same card
 * gives different bytes every time and the field cannot be used to link transactions. The key is
 * 128 bits, kept as 32 hex digits in {@code <data-dir>/keys/pan.key}, generated on first start like
 * the tokenization key; a node that replays or extends the same journal and must send advices needs
 * the same key.
 * <p>
 * {@link #encrypt} runs on the acquirer's event loop for every authorization and {@link #decrypt}
 * on the issuer output thread for every advice, so neither allocates once a thread is warm:
 * javax.crypto's GCM, initialised again for every nonce, allocated about 1 KB per call. The bytes
 * are the same standard AES-128-GCM ({@link PanGcm}): fields written before decrypt, and the JDK
 * decrypts what this writes.
 * <p>
 * Thread-safe: one {@link PanGcm}, {@link NonceGenerator} and scratch buffer per thread.
 */
public final class PanCipher
{
    /** Bytes in a key: AES-128. */
    public static final int KEY_LENGTH = 16;
    public static final int NONCE_LENGTH = 12;
    /** The PAN as ASCII digits, padded with 0x00 to this many bytes: hides the PAN's length. */
    public static final int PADDED_PAN_LENGTH = 20;
    public static final int TAG_LENGTH = 16;
    /** The whole field: nonce, ciphertext, tag. */
    public static final int CIPHER_LENGTH = NONCE_LENGTH + PADDED_PAN_LENGTH + TAG_LENGTH;
    /** {@link #decrypt} result when the field is all zero: no PAN was encrypted. */
    public static final int ABSENT = 0;
    /** {@link #decrypt} result when the field does not authenticate (other key, damaged bytes). */
    public static final int INVALID = -1;
    /** File name of the key under the node's key directory. */
    public static final String KEY_FILE = "pan.key";

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<ThreadState> states = ThreadLocal.withInitial(this::newThreadState);

    /** @param key 16 secret bytes; copied. */
    public PanCipher(final byte[] key)
    {
        if (key == null || key.length != KEY_LENGTH)
        {
            throw new IllegalArgumentException("PAN encryption key must be " + KEY_LENGTH + " bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The key file of a node: {@code <dataDirectory>/keys/pan.key}. */
    public static Path keyFile(final Path dataDirectory)
    {
        return dataDirectory.resolve("keys").resolve(KEY_FILE);
    }

    /** Loads the key at {@code file} (32 hex digits), generating it first if absent (first start of a node). */
    public static PanCipher loadOrGenerate(final Path file) throws IOException
    {
        if (!Files.exists(file))
        {
            try
            {
                // same format and file permissions as the tokenization key
                PanTokenizer.generateKeyFile(file);
            }
            catch (final FileAlreadyExistsException ignore)
            {
                // created concurrently: load whatever won
            }
        }
        return fromKeyFile(file);
    }

    /** Loads a key file of 32 hex digits; the key never appears in an exception message. */
    public static PanCipher fromKeyFile(final Path file) throws IOException
    {
        final String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (text.length() != KEY_LENGTH * 2)
        {
            throw new IOException(file + ": PAN encryption key must be " + KEY_LENGTH * 2 + " hex digits");
        }
        final byte[] bytes = new byte[KEY_LENGTH];
        try
        {
            for (int i = 0; i < KEY_LENGTH; i++)
            {
                final int hi = Character.digit(text.charAt(2 * i), 16);
                final int lo = Character.digit(text.charAt(2 * i + 1), 16);
                if (hi < 0 || lo < 0)
                {
                    throw new IOException(file + ": PAN encryption key is not hex");
                }
                bytes[i] = (byte)((hi << 4) | lo);
            }
            return new PanCipher(bytes);
        }
        finally
        {
            Arrays.fill(bytes, (byte)0);
        }
    }

    /**
     * Encrypts the PAN digits {@code pan[offset, offset + length)} into {@code out[outOffset,
     * outOffset + CIPHER_LENGTH)}.
     *
     * @throws IllegalArgumentException if the PAN is empty, longer than 19 or not all digits.
     */
    public void encrypt(final byte[] pan, final int offset, final int length, final byte[] out, final int outOffset)
    {
        if (length < 1 || length > PanMasker.MAX_PAN_LENGTH)
        {
            throw new IllegalArgumentException("PAN length out of range: " + length);
        }
        final ThreadState state = states.get();
        final byte[] plain = state.plain;
        try
        {
            for (int i = 0; i < length; i++)
            {
                final byte c = pan[offset + i];
                if (c < '0' || c > '9')
                {
                    throw new IllegalArgumentException("PAN is not all digits");
                }
                plain[i] = c;
            }
            state.nonces.next(out, outOffset);
            state.gcm.encrypt(out, outOffset, plain, out, outOffset + NONCE_LENGTH);
        }
        finally
        {
            Arrays.fill(plain, (byte)0);
        }
    }

    /** Convenience for tools and tests; allocates. */
    public byte[] encrypt(final CharSequence pan)
    {
        final byte[] digits = new byte[pan.length()];
        for (int i = 0; i < digits.length; i++)
        {
            digits[i] = (byte)pan.charAt(i);
        }
        final byte[] out = new byte[CIPHER_LENGTH];
        encrypt(digits, 0, digits.length, out, 0);
        Arrays.fill(digits, (byte)0);
        return out;
    }

    /**
     * Decrypts {@code in[offset, offset + CIPHER_LENGTH)} into {@code pan} (at least 19 bytes).
     *
     * @return the PAN's length, {@link #ABSENT} for an all-zero field, {@link #INVALID} when the
     *         bytes do not authenticate under this key or do not hold digits.
     */
    public int decrypt(final byte[] in, final int offset, final byte[] pan)
    {
        if (isAbsent(in, offset))
        {
            return ABSENT;
        }
        final ThreadState state = states.get();
        final byte[] plain = state.plain;
        try
        {
            if (!state.gcm.decrypt(in, offset, in, offset + NONCE_LENGTH, plain))
            {
                return INVALID;
            }
            int length = 0;
            while (length < PADDED_PAN_LENGTH && plain[length] != 0)
            {
                final byte c = plain[length];
                if (c < '0' || c > '9' || length == PanMasker.MAX_PAN_LENGTH || length >= pan.length)
                {
                    return INVALID;
                }
                pan[length++] = c;
            }
            return length == 0 ? INVALID : length;
        }
        finally
        {
            Arrays.fill(plain, (byte)0);
        }
    }

    /** True when the field is all zero (no PAN). */
    public static boolean isAbsent(final byte[] in, final int offset)
    {
        for (int i = 0; i < CIPHER_LENGTH; i++)
        {
            if (in[offset + i] != 0)
            {
                return false;
            }
        }
        return true;
    }

    private ThreadState newThreadState()
    {
        return new ThreadState(new PanGcm(key), new NonceGenerator(random));
    }

    /** What one thread needs to encrypt and decrypt without allocating. */
    private static final class ThreadState
    {
        final PanGcm gcm;
        final NonceGenerator nonces;
        /** The padded PAN in clear: wiped after every call. */
        final byte[] plain = new byte[PADDED_PAN_LENGTH];

        ThreadState(final PanGcm gcm, final NonceGenerator nonces)
        {
            this.gcm = gcm;
            this.nonces = nonces;
        }
    }
}

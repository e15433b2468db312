package io.tahweel.gateways.iso8583;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * Fields of an acquirer's 0100/0200 that a remote issuer needs but the journal does not keep:
 * the PIN block (52) and track 2 (35), opaque, and the POS entry mode (22), condition code (25),
 * local time and date (12, 13) and card acceptor name/location (43).
 * <p>
 * Memory only: never journaled, never logged ({@link #toString()} names no value), never echoed.
 * The in-flight table keeps one, preallocated, per slot and fills it from the request's
 * {@link Iso8583Fields} (no allocation per request); it is handed over once, to the issuer side
 * for forwarding ({@link ForwardedFieldsSource#take}), or wiped when the request is answered,
 * released or its connection closes. Whoever holds it last calls {@link #wipe()}, which
 * zero-fills the PIN block and track 2 copies. A copy the issuer side took is not reused.
 * <p>
 * Where copies of these values go: the issuer side writes them ({@link #write}) straight into its
 * reused message buffer, which it zero-fills once the message is in the link's outbox, and the
 * outbox zero-fills each message once it is copied into the frame; no {@code String} or
 * {@code ISOMsg} ever holds them. What no one here can wipe: Netty's pooled frame buffers keep their
 * bytes until reused, and the kernel's socket buffers. The acquirer's frame buffer is wiped by the session.
 */
public final class ForwardedFields
{
    /** The fields kept, in field order (the order they are written into a forwarded message). */
    static final int[] FIELDS = { 12, 13, 22, 25, 35, 43, 52 };
    /** ISO 8583:1987 maxima of {@link #FIELDS}: the room each copy has (the packagers declare the same). */
    private static final int[] CAPACITY = { 6, 4, 3, 2, 37, 40, 8 };
    private static final int TRACK_2 = 4;
    private static final int PIN_BLOCK = 6;

    private static final AtomicLongFieldUpdater<ForwardedFields> OFFERED_ID =
        AtomicLongFieldUpdater.newUpdater(ForwardedFields.class, "offeredId");

    /** The correlation id these fields are offered under, 0 when not offered: whoever swaps it to 0 owns them. */
    private volatile long offeredId;
    private final byte[][] values = new byte[FIELDS.length][];
    /** Length of each kept value; -1 when absent. */
    private final int[] lengths = new int[FIELDS.length];

    ForwardedFields()
    {
        for (int i = 0; i < FIELDS.length; i++)
        {
            values[i] = new byte[CAPACITY[i]];
        }
        Arrays.fill(lengths, -1);
    }

    /**
     * Copies the kept fields of {@code request} over what this held; false (and nothing held)
     * when it has none of them. The request's PIN block is zero-filled in the frame once copied:
     * nothing else reads it. A value longer than the room for it is not kept.
     */
    boolean capture(final Iso8583Fields request)
    {
        wipe();
        boolean any = false;
        for (int i = 0; i < FIELDS.length; i++)
        {
            final int field = FIELDS[i];
            final int length = request.length(field);
            if (!request.has(field) || length > CAPACITY[i])
            {
                continue;
            }
            lengths[i] = request.binary(field) ? request.copyBytes(field, values[i], 0) :
                request.copyChars(field, values[i], 0);
            any = true;
        }
        request.wipe(52);
        return any;
    }

    /** Offers the captured fields under {@code correlationId}: from now on {@link #claim} decides who owns them. */
    void offer(final long correlationId)
    {
        offeredId = correlationId;
    }

    /**
     * Takes ownership if these fields are still offered under {@code correlationId}: true for
     * exactly one caller. Checking the id, not the object, is what keeps a reused copy from being
     * taken for an earlier request.
     */
    boolean claim(final long correlationId)
    {
        return correlationId != 0 && OFFERED_ID.compareAndSet(this, correlationId, 0);
    }

    /** A copy with only the given values, for tests and benchmarks. */
    public static ForwardedFields of(final byte[] pinBlock, final String track2, final String posEntryMode)
    {
        final ForwardedFields fields = new ForwardedFields();
        if (pinBlock != null)
        {
            fields.values[PIN_BLOCK] = pinBlock.clone();
            fields.lengths[PIN_BLOCK] = pinBlock.length;
        }
        if (track2 != null)
        {
            fields.values[TRACK_2] = track2.getBytes(StandardCharsets.US_ASCII);
            fields.lengths[TRACK_2] = track2.length();
        }
        if (posEntryMode != null)
        {
            fields.values[2] = posEntryMode.getBytes(StandardCharsets.US_ASCII);
            fields.lengths[2] = posEntryMode.length();
        }
        return fields;
    }

    /** Sets one kept field to {@code value} (a copy), for tests and benchmarks; any length. */
    public ForwardedFields put(final int field, final byte[] value)
    {
        final int i = index(field);
        values[i] = value.clone();
        lengths[i] = value.length;
        return this;
    }

    /** An empty copy, for tests and benchmarks ({@link #put}). */
    public static ForwardedFields none()
    {
        return new ForwardedFields();
    }

    /**
     * Appends field {@code field} (one of {@link #FIELDS}) to a message being written to a remote
     * issuer, when kept; false when not. Written straight from this object's arrays: the only copy
     * left is the message's own buffer, which the issuer side wipes once sent.
     */
    public boolean write(final int field, final Iso8583Writer writer)
    {
        final int i = index(field);
        if (i < 0 || lengths[i] < 0)
        {
            return false;
        }
        writer.field(field, values[i], 0, lengths[i]);
        return true;
    }

    /** Copies field {@code field}'s kept value into {@code dst}: its length, or -1 when not kept (the jPOS reference in tests). */
    public int copy(final int field, final byte[] dst)
    {
        final int i = index(field);
        if (i < 0 || lengths[i] < 0)
        {
            return -1;
        }
        System.arraycopy(values[i], 0, dst, 0, lengths[i]);
        return lengths[i];
    }

    private static int index(final int field)
    {
        for (int i = 0; i < FIELDS.length; i++)
        {
            if (FIELDS[i] == field)
            {
                return i;
            }
        }
        return -1;
    }

    /** True while a PIN block is held (tests). */
    public boolean hasPinBlock()
    {
        return lengths[PIN_BLOCK] > 0 && !allZero(values[PIN_BLOCK]);
    }

    /** True while track 2 is held (tests). */
    public boolean hasTrack2()
    {
        return lengths[TRACK_2] > 0 && !allZero(values[TRACK_2]);
    }

    /** Zero-fills the PIN block and track 2 copies and forgets every field. Idempotent. */
    public void wipe()
    {
        for (int i = 0; i < FIELDS.length; i++)
        {
            Arrays.fill(values[i], (byte)0);
            lengths[i] = -1;
        }
    }

    /** Names no value: card data must never reach a log. */
    @Override
    public String toString()
    {
        return "ForwardedFields{pinBlock=" + (lengths[PIN_BLOCK] >= 0) + ", track2=" + (lengths[TRACK_2] >= 0) + '}';
    }

    private static boolean allZero(final byte[] bytes)
    {
        for (final byte b : bytes)
        {
            if (b != 0)
            {
                return false;
            }
        }
        return true;
    }
}

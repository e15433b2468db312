package io.tahweel.gateways.iso8583;

import org.jpos.iso.ISOMsg;

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
 * What this class cannot wipe: the issuer side builds an {@code ISOMsg} from it (track 2 and the
 * PIN block go in as arrays this object wipes, the other fields as strings), and Netty's pooled
 * buffers keep their bytes until reused. The acquirer's frame buffer is wiped by the session.
 */
public final class ForwardedFields
{
    /** The fields kept, in the order they are added to a forwarded message. */
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
    /** Exact-length copies handed to an ISOMsg by {@link #addTo}, wiped with the rest. */
    private byte[] track2Handed;
    private byte[] pinBlockHanded;

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

    /**
     * Sets the kept fields on {@code msg} (a message to a remote issuer; the issuer side, not the
     * acquirer's hot path). Fields 35 and 52 are set as byte arrays owned by this object, so
     * {@link #wipe()} after the message is packed clears them from the message too.
     */
    public void addTo(final ISOMsg msg)
    {
        for (int i = 0; i < FIELDS.length; i++)
        {
            if (lengths[i] < 0)
            {
                continue;
            }
            if (i == TRACK_2)
            {
                track2Handed = Arrays.copyOf(values[i], lengths[i]);
                msg.set(FIELDS[i], track2Handed);
            }
            else if (i == PIN_BLOCK)
            {
                pinBlockHanded = Arrays.copyOf(values[i], lengths[i]);
                msg.set(FIELDS[i], pinBlockHanded);
            }
            else
            {
                msg.set(FIELDS[i], new String(values[i], 0, lengths[i], StandardCharsets.ISO_8859_1));
            }
        }
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

    /** Zero-fills the PIN block and track 2 copies (and what {@link #addTo} handed out) and forgets every field. Idempotent. */
    public void wipe()
    {
        for (int i = 0; i < FIELDS.length; i++)
        {
            Arrays.fill(values[i], (byte)0);
            lengths[i] = -1;
        }
        if (track2Handed != null)
        {
            Arrays.fill(track2Handed, (byte)0);
        }
        if (pinBlockHanded != null)
        {
            Arrays.fill(pinBlockHanded, (byte)0);
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

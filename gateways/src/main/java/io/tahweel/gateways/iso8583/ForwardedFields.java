package io.tahweel.gateways.iso8583;

import org.jpos.iso.ISOMsg;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fields of an acquirer's 0100/0200 that a remote issuer needs but the journal does not keep:
 * the PIN block (52) and track 2 (35), opaque, and the POS entry mode (22), condition code (25),
 * local time and date (12, 13) and card acceptor name/location (43).
 * <p>
 * Memory only: never journaled, never logged ({@link #toString()} names no value), never echoed.
 * The acquirer session keeps one next to each request in flight until the request is answered,
 * released or taken by the issuer side for forwarding ({@link ForwardedFieldsSource#take});
 * whoever holds it last calls {@link #wipe()}, which zero-fills the PIN block and track 2 copies.
 * <p>
 * What this class cannot wipe: jPOS unpacks track 2 into a {@code String} of the acquirer's
 * {@link ISOMsg} and packs it through one; those, the frames' byte arrays and Netty's pooled
 * buffers are left to the garbage collector and buffer reuse.
 */
public final class ForwardedFields
{
    /** The fields kept, in the order they are added to a forwarded message. */
    static final int[] FIELDS = { 12, 13, 22, 25, 35, 43, 52 };

    long correlationId;
    private byte[] pinBlock;
    private byte[] track2;
    private String localTime;
    private String localDate;
    private String posEntryMode;
    private String posConditionCode;
    private String cardAcceptorName;

    private ForwardedFields()
    {
    }

    /**
     * Copies the kept fields of {@code request}; null when it has none of them. The request's own
     * PIN block array is zero-filled once copied: nothing else reads it.
     */
    static ForwardedFields capture(final ISOMsg request)
    {
        if (!request.hasAny(FIELDS))
        {
            return null;
        }
        final ForwardedFields fields = new ForwardedFields();
        fields.localTime = request.getString(12);
        fields.localDate = request.getString(13);
        fields.posEntryMode = request.getString(22);
        fields.posConditionCode = request.getString(25);
        fields.cardAcceptorName = request.getString(43);
        final String track2 = request.getString(35);
        if (track2 != null)
        {
            fields.track2 = track2.getBytes(StandardCharsets.US_ASCII);
        }
        if (request.getValue(52) instanceof byte[])
        {
            final byte[] pin = request.getBytes(52);
            fields.pinBlock = pin.clone();
            Arrays.fill(pin, (byte)0);
        }
        return fields;
    }

    /** A copy with only the given values, for tests and benchmarks. */
    public static ForwardedFields of(final byte[] pinBlock, final String track2, final String posEntryMode)
    {
        final ForwardedFields fields = new ForwardedFields();
        fields.pinBlock = pinBlock == null ? null : pinBlock.clone();
        fields.track2 = track2 == null ? null : track2.getBytes(StandardCharsets.US_ASCII);
        fields.posEntryMode = posEntryMode;
        return fields;
    }

    /**
     * Sets the kept fields on {@code msg} (a message to a remote issuer). Fields 35 and 52 are set
     * as byte arrays owned by this object, so {@link #wipe()} after the message is packed clears
     * them from the message too.
     */
    public void addTo(final ISOMsg msg)
    {
        setIfPresent(msg, 12, localTime);
        setIfPresent(msg, 13, localDate);
        setIfPresent(msg, 22, posEntryMode);
        setIfPresent(msg, 25, posConditionCode);
        if (track2 != null)
        {
            msg.set(35, track2);
        }
        setIfPresent(msg, 43, cardAcceptorName);
        if (pinBlock != null)
        {
            msg.set(52, pinBlock);
        }
    }

    /** True while a PIN block is held (tests). */
    public boolean hasPinBlock()
    {
        return pinBlock != null && !allZero(pinBlock);
    }

    /** True while track 2 is held (tests). */
    public boolean hasTrack2()
    {
        return track2 != null && !allZero(track2);
    }

    /** Zero-fills the PIN block and track 2 copies and forgets every field. Idempotent. */
    public void wipe()
    {
        if (pinBlock != null)
        {
            Arrays.fill(pinBlock, (byte)0);
        }
        if (track2 != null)
        {
            Arrays.fill(track2, (byte)0);
        }
        localTime = null;
        localDate = null;
        posEntryMode = null;
        posConditionCode = null;
        cardAcceptorName = null;
    }

    /** Names no value: card data must never reach a log. */
    @Override
    public String toString()
    {
        return "ForwardedFields{pinBlock=" + (pinBlock != null) + ", track2=" + (track2 != null) + '}';
    }

    private static void setIfPresent(final ISOMsg msg, final int field, final String value)
    {
        if (value != null)
        {
            msg.set(field, value);
        }
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

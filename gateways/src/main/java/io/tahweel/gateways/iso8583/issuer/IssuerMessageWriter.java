package io.tahweel.gateways.iso8583.issuer;

import io.tahweel.gateways.iso8583.FieldFormats;
import io.tahweel.gateways.iso8583.ForwardedFields;
import io.tahweel.gateways.iso8583.Iso8583Writer;
import io.tahweel.sbe.AuthorizeDecoder;
import io.tahweel.sbe.StoreAndForwardKind;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes what the switch sends a remote issuer (the forwarded 0100/0200 and the 0120/0220/0420
 * advices, fields as {@link IssuerMessages} describes them) straight into a byte array with an
 * {@link Iso8583Writer}, from the journaled {@code Authorize} entry, the PAN decrypted from its
 * {@code panCipher} and the acquirer's in-memory {@link ForwardedFields}. Byte for byte what jPOS
 * packs for the same message (IssuerMessageWriterEquivalenceTest against the ISOMsg builder this
 * replaced, kept in tests as JposIssuerMessages); nothing is allocated per message, and the
 * PAN, PIN block and track 2 go from their own arrays into the message with no String between.
 * <p>
 * Field values are composed in {@link #value}, a reused array this class zero-fills after each
 * message. Not thread-safe: the output thread's.
 */
final class IssuerMessageWriter
{
    /** Longest message written, either profile (ASCII advice: about 340 bytes). */
    static final int MAX_MESSAGE_LENGTH = 512;
    /** {@link #advice} for a store-and-forward kind this build does not know. */
    static final int UNKNOWN_KIND = -2;

    private static final int TERMINAL_ID_LENGTH = 8;
    private static final int MERCHANT_ID_LENGTH = 15;
    private static final int INSTITUTION_WIDTH = 11;
    private static final byte[] PARTIAL_REVERSAL_TAIL =
        ("000000000000" + "C00000000" + "C00000000").getBytes(StandardCharsets.US_ASCII);

    private final Iso8583Writer writer;
    private final byte[] institutionId;
    private final byte[] value = new byte[64];
    private final byte[] identifier = new byte[MERCHANT_ID_LENGTH];

    IssuerMessageWriter(final FieldFormats formats, final String institutionId)
    {
        this.writer = new Iso8583Writer(formats);
        this.institutionId = institutionId.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The 0100 (dual message) or 0200 (single message) forwarding {@code authorize}, plus the
     * acquirer request's fields the journal does not keep ({@code fields}, may be null), into
     * {@code dst[offset, limit)}: its length, or {@link Iso8583Writer#NOT_WRITTEN} when a value
     * does not fit its field (what jPOS refused to pack).
     */
    int request(final AuthorizeDecoder a, final long authorizationId, final byte[] pan, final int panLength,
        final ForwardedFields fields, final byte[] dst, final int offset, final int limit)
    {
        try
        {
            writer.begin(dst, offset, limit, IssuerMessages.requestMti(a));
            pan(pan, panLength);
            digits(3, a.processingCode(), 6);
            digits(4, a.amount(), 12);
            digits(7, a.transmissionDateTime(), 10);
            digits(11, IssuerMessages.stan(authorizationId), 6);
            forwarded(fields, 12);
            forwarded(fields, 13);
            cardAndMerchant(a);
            forwarded(fields, 22);
            forwarded(fields, 25);
            institutions(a);
            forwarded(fields, 35);
            digits(37, authorizationId % IssuerMessages.RRN_MODULUS, 12);
            acceptor(a);
            forwarded(fields, 43);
            digits(49, a.currency(), 3);
            forwarded(fields, 52);
            return writer.finish();
        }
        finally
        {
            Arrays.fill(value, (byte)0);
        }
    }

    /**
     * An advice the core owes the issuer ({@code kind}: StoreAndForwardKind value; {@code amount}:
     * the stood-in, completed, or replacement amount of a partial reversal) into
     * {@code dst[offset, limit)}: its length, {@link Iso8583Writer#NOT_WRITTEN}, or
     * {@link #UNKNOWN_KIND}. Advices carry no forwarded fields (rebuilt from the journal, no PIN).
     */
    int advice(final AuthorizeDecoder a, final long authorizationId, final int kind, final long amount,
        final byte[] pan, final int panLength, final byte[] dst, final int offset, final int limit)
    {
        final int mti = adviceMti(kind);
        if (mti < 0)
        {
            return UNKNOWN_KIND;
        }
        try
        {
            writer.begin(dst, offset, limit, mti);
            pan(pan, panLength);
            digits(3, a.processingCode(), 6);
            digits(4, kind == StoreAndForwardKind.REVERSAL_ADVICE.value() ? a.amount() : amount, 12);
            digits(7, a.transmissionDateTime(), 10);
            digits(11, IssuerMessages.adviceStan(authorizationId, kind), 6);
            cardAndMerchant(a);
            institutions(a);
            digits(37, authorizationId % IssuerMessages.RRN_MODULUS, 12);
            if (mti == IssuerMessages.STAND_IN_ADVICE)
            {
                digits(38, authorizationId % 1_000_000, 6); // ResponseCodes.approvalCode
                value[0] = '0';
                value[1] = '0';
                writer.field(39, value, 0, 2);
            }
            acceptor(a);
            digits(49, a.currency(), 3);
            originalData(a, authorizationId);
            if (mti == IssuerMessages.REVERSAL_ADVICE && amount > 0)
            {
                // partial: actual transaction amount, then settlement amount and fees unused
                int at = putDigits(amount, 12, 0);
                System.arraycopy(PARTIAL_REVERSAL_TAIL, 0, value, at, PARTIAL_REVERSAL_TAIL.length);
                at += PARTIAL_REVERSAL_TAIL.length;
                writer.field(95, value, 0, at);
            }
            return writer.finish();
        }
        finally
        {
            Arrays.fill(value, (byte)0);
        }
    }

    /** Makes the message at {@code dst[offset]} (written by this writer) a repeat: MTI + 1 (0120 to 0121). */
    void markRepeat(final byte[] dst, final int offset, final int adviceMti)
    {
        writer.rewriteMti(dst, offset, adviceMti + 1);
    }

    static int adviceMti(final int kind)
    {
        if (kind == StoreAndForwardKind.STAND_IN_ADVICE.value())
        {
            return IssuerMessages.STAND_IN_ADVICE;
        }
        if (kind == StoreAndForwardKind.COMPLETION_ADVICE.value())
        {
            return IssuerMessages.COMPLETION_ADVICE;
        }
        if (kind == StoreAndForwardKind.REVERSAL_ADVICE.value())
        {
            return IssuerMessages.REVERSAL_ADVICE;
        }
        return -1;
    }

    private void pan(final byte[] pan, final int panLength)
    {
        if (panLength > 0)
        {
            writer.field(2, pan, 0, panLength);
        }
    }

    /** Fields 14 and 18, each only when set. */
    private void cardAndMerchant(final AuthorizeDecoder a)
    {
        if (a.expiry() > 0)
        {
            digits(14, a.expiry(), 4);
        }
        if (a.mcc() > 0)
        {
            digits(18, a.mcc(), 4);
        }
    }

    /** Field 32 (the acquirer participant id, as {@code Long.toString}) and 33 (the switch's institution id). */
    private void institutions(final AuthorizeDecoder a)
    {
        writer.field(32, value, 0, putDecimal(a.acquirerId()));
        writer.field(33, institutionId, 0, institutionId.length);
    }

    /** Fields 41 and 42, each only when not blank, trimmed as {@code String.trim} would. */
    private void acceptor(final AuthorizeDecoder a)
    {
        a.getTerminalId(identifier, 0);
        identifier(41, TERMINAL_ID_LENGTH);
        a.getMerchantId(identifier, 0);
        identifier(42, MERCHANT_ID_LENGTH);
    }

    /**
     * The SBE string as its {@code String} getter gives it (up to the first NUL, US-ASCII: a byte
     * over 127 decodes as U+FFFD, which jPOS packs as '?'), trimmed of characters up to space.
     */
    private void identifier(final int field, final int capacity)
    {
        int end = 0;
        while (end < capacity && identifier[end] != 0)
        {
            if (identifier[end] < 0)
            {
                identifier[end] = '?';
            }
            end++;
        }
        int from = 0;
        while (from < end && (identifier[from] & 0xFF) <= ' ')
        {
            from++;
        }
        while (end > from && (identifier[end - 1] & 0xFF) <= ' ')
        {
            end--;
        }
        if (end > from)
        {
            writer.field(field, identifier, from, end - from);
        }
        Arrays.fill(identifier, (byte)0);
    }

    /** Field 90: the forwarded request's MTI, STAN, field 7, field 32 and field 33, as the issuer saw them. */
    private void originalData(final AuthorizeDecoder a, final long authorizationId)
    {
        int at = putDigits(IssuerMessages.requestMti(a), 4, 0);
        at = putDigits(IssuerMessages.stan(authorizationId), 6, at);
        at = putDigits(a.transmissionDateTime(), 10, at);
        at = putDigits(a.acquirerId(), INSTITUTION_WIDTH, at);
        for (int i = institutionId.length; i < INSTITUTION_WIDTH; i++)
        {
            value[at++] = '0';
        }
        System.arraycopy(institutionId, 0, value, at, institutionId.length);
        writer.field(90, value, 0, at + institutionId.length);
    }

    private void forwarded(final ForwardedFields fields, final int field)
    {
        if (fields != null)
        {
            fields.write(field, writer);
        }
    }

    private void digits(final int field, final long number, final int width)
    {
        writer.field(field, value, 0, putDigits(number, width, 0));
    }

    /** {@link IssuerMessages#digits} into {@link #value} at {@code at}: the position after. */
    private int putDigits(final long number, final int width, final int at)
    {
        long v = number;
        for (int i = width - 1; i >= 0; i--)
        {
            value[at + i] = (byte)('0' + v % 10);
            v /= 10;
        }
        return at + width;
    }

    /** {@code Long.toString(number)} into {@link #value}: its length. */
    private int putDecimal(final long number)
    {
        int digits = 1;
        for (long v = number / 10; v != 0; v /= 10)
        {
            digits++;
        }
        final int sign = number < 0 ? 1 : 0;
        if (sign == 1)
        {
            value[0] = '-';
        }
        long v = number;
        for (int i = sign + digits - 1; i >= sign; i--)
        {
            value[i] = (byte)('0' + Math.abs(v % 10));
            v /= 10;
        }
        return sign + digits;
    }
}

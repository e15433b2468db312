package io.tahweel.gateways.iso8583;

import io.tahweel.sbe.AuthorizationResult;

/**
 * The one table from the core's {@link AuthorizationResult} to ISO 8583 field 39, looked up by
 * the result's value (an array index, no map). docs/protocols/iso8583.md lists it with reasons;
 * a test requires an entry for every result the schema defines, so a new result cannot reach an
 * acquirer unmapped.
 */
public final class ResponseCodes
{
    /** Approved. */
    public static final String APPROVED = "00";
    /** Do not honour: the issuer's decline when no more specific code is known. */
    public static final String DO_NOT_HONOUR = "05";
    /** Invalid transaction. */
    public static final String INVALID_TRANSACTION = "12";
    /** Format error: produced by the gateway itself for malformed messages; never reaches the core. */
    public static final String FORMAT_ERROR = "30";
    /** Issuer or switch inoperative: not signed on, ring full, in-flight limit, issuer unreachable. */
    public static final String SYSTEM_UNAVAILABLE = "91";
    /** System malfunction. */
    public static final String SYSTEM_MALFUNCTION = "96";
    /** Invalid merchant / acquirer not allowed on this listener. */
    public static final String INVALID_ACQUIRER = "03";

    /** Field 38 is six digits. */
    public static final int APPROVAL_CODE_LENGTH = 6;
    private static final int APPROVAL_CODE_MODULUS = 1_000_000;

    private static final String[] CODES = new String[64];
    private static final int PRINTABLE = 0x7F - 0x20;
    /** Two-character codes by value, made on first sight: a code read from bytes needs no new String. */
    private static final java.util.concurrent.atomic.AtomicReferenceArray<String> INTERNED =
        new java.util.concurrent.atomic.AtomicReferenceArray<>(PRINTABLE * PRINTABLE);

    static
    {
        map(AuthorizationResult.APPROVED, APPROVED);
        map(AuthorizationResult.INVALID_TRANSACTION, INVALID_TRANSACTION);
        map(AuthorizationResult.INVALID_AMOUNT, "13");
        map(AuthorizationResult.UNKNOWN_ACQUIRER, INVALID_ACQUIRER);
        map(AuthorizationResult.ACQUIRER_SUSPENDED, DO_NOT_HONOUR);
        map(AuthorizationResult.DUPLICATE_TRANSMISSION, "94");
        map(AuthorizationResult.NO_ROUTE, "15");
        map(AuthorizationResult.ISSUER_UNAVAILABLE, SYSTEM_UNAVAILABLE);
        map(AuthorizationResult.CARD_NOT_FOUND, "14");
        map(AuthorizationResult.CARD_BLOCKED, "62");
        map(AuthorizationResult.CARD_LOST, "41");
        map(AuthorizationResult.CARD_STOLEN, "43");
        map(AuthorizationResult.CARD_CLOSED, "14");
        map(AuthorizationResult.CARD_EXPIRED, "54");
        map(AuthorizationResult.CURRENCY_NOT_SUPPORTED, "57");
        map(AuthorizationResult.EXCEEDS_TRANSACTION_LIMIT, "61");
        map(AuthorizationResult.EXCEEDS_DAILY_AMOUNT, "61");
        map(AuthorizationResult.EXCEEDS_DAILY_COUNT, "65");
        map(AuthorizationResult.INSUFFICIENT_FUNDS, "51");
        map(AuthorizationResult.ORIGINAL_NOT_FOUND, "25");
        map(AuthorizationResult.ORIGINAL_ALREADY_REVERSED, INVALID_TRANSACTION);
        map(AuthorizationResult.ORIGINAL_ALREADY_COMPLETED, INVALID_TRANSACTION);
        map(AuthorizationResult.NO_SETTLEMENT_ACCOUNT, SYSTEM_MALFUNCTION);
        map(AuthorizationResult.SYSTEM_ERROR, SYSTEM_MALFUNCTION);
        map(AuthorizationResult.ISSUER_DECLINED, DO_NOT_HONOUR);
        for (final String code : new String[]{ FORMAT_ERROR, SYSTEM_UNAVAILABLE, SYSTEM_MALFUNCTION, INVALID_ACQUIRER })
        {
            seed(code);
        }
    }

    private ResponseCodes()
    {
    }

    /** Field 39 for a result value; {@link #SYSTEM_MALFUNCTION} for a value this build does not know. */
    public static String code(final int authorizationResult)
    {
        if (authorizationResult < 0 || authorizationResult >= CODES.length)
        {
            return SYSTEM_MALFUNCTION;
        }
        final String code = CODES[authorizationResult];
        return code != null ? code : SYSTEM_MALFUNCTION;
    }

    /**
     * The two-character code {@code first second} as a String, the same instance every time (at
     * most 95 × 95 are ever made); a byte outside printable ASCII reads as '?'.
     */
    public static String intern(final byte first, final byte second)
    {
        final int a = printable(first);
        final int b = printable(second);
        final int index = (a - 0x20) * PRINTABLE + (b - 0x20);
        final String cached = INTERNED.get(index);
        if (cached != null)
        {
            return cached;
        }
        final String code = new String(new char[]{ (char)a, (char)b });
        return INTERNED.compareAndSet(index, null, code) ? code : INTERNED.get(index);
    }

    private static int printable(final byte b)
    {
        return b >= 0x20 && b < 0x7F ? b : '?';
    }

    /** Whether the table has an explicit entry for this result (the completeness test). */
    public static boolean isMapped(final AuthorizationResult result)
    {
        final int value = result.value();
        return value >= 0 && value < CODES.length && CODES[value] != null;
    }

    private static void map(final AuthorizationResult result, final String code)
    {
        CODES[result.value()] = code;
        seed(code);
    }

    /** The table's own instances are the interned ones. */
    private static void seed(final String code)
    {
        INTERNED.compareAndSet((code.charAt(0) - 0x20) * PRINTABLE + (code.charAt(1) - 0x20), null, code);
    }

    /**
     * Field 38 of an approval the switch gave: the authorization id (the journal sequence of the Authorize entry)
     * modulo 10^6, six digits. The same authorization always gets the same code, including on a repeat, so an
     * acquirer (or an audit) can match an answer to its journal entry.
     */
    public static String approvalCode(final long authorizationId)
    {
        final char[] digits = new char[APPROVAL_CODE_LENGTH];
        long value = authorizationId % APPROVAL_CODE_MODULUS;
        for (int i = APPROVAL_CODE_LENGTH - 1; i >= 0; i--)
        {
            digits[i] = (char)('0' + value % 10);
            value /= 10;
        }
        return new String(digits);
    }
}

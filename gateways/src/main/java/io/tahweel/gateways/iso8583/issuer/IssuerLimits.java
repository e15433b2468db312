package io.tahweel.gateways.iso8583.issuer;

/** Every limit of the issuer links, named. */
public final class IssuerLimits
{
    /** Issuer links one gateway runs. */
    public static final int MAX_LINKS = 256;
    /** Forwarded requests a link remembers for matching, by default. */
    public static final int DEFAULT_IN_FLIGHT_PER_LINK = 4096;
    /** Most forwarded requests a link may be configured to remember (the core waits on at most 64K in all). */
    public static final int MAX_IN_FLIGHT_PER_LINK = 64 * 1024;
    /** Advices a link remembers having sent, to mark a retry as a repeat (0121, 0221, 0421). */
    public static final int ADVICES_REMEMBERED = 16 * 1024;
    /**
     * Bytes of written messages a link's outbox (output thread to event loop) holds per request it
     * may have in flight: room for every one of them even in the ASCII profile, so that a stalled
     * event loop costs latency, not dropped forwards. 4,096 in flight (the default): 1 MiB.
     */
    public static final int OUTBOX_BYTES_PER_IN_FLIGHT = 256;
    /** Smallest and largest outbox (a power of two in between). */
    public static final int MIN_OUTBOX_BYTES = 64 * 1024;
    public static final int MAX_OUTBOX_BYTES = 16 * 1024 * 1024;
    /** Largest frame taken from an issuer; a longer one is skipped unread and logged. */
    public static final int MAX_FRAME_LENGTH = 8 * 1024;
    public static final long MIN_ECHO_INTERVAL_MS = 10;
    public static final long MAX_ECHO_INTERVAL_MS = 600_000;
    public static final long MAX_RECONNECT_BACKOFF_MS = 600_000;
    /** How long an I/O thread waits for room in the input ring before dropping an issuer event (logged). */
    public static final long MAX_CLAIM_WAIT_MS = 1_000;
    /** Malformed frames from an issuer logged per link before the log goes quiet until the next sign-on. */
    public static final int MALFORMED_LOG_BUDGET = 100;

    private IssuerLimits()
    {
    }

    /** The outbox of a link that may have {@code maxInFlight} requests in flight. */
    static int outboxBytes(final int maxInFlight)
    {
        final long wanted = (long)maxInFlight * OUTBOX_BYTES_PER_IN_FLIGHT;
        final int bytes = (int)Math.min(MAX_OUTBOX_BYTES, Math.max(MIN_OUTBOX_BYTES, wanted));
        return Integer.highestOneBit(bytes) == bytes ? bytes : Integer.highestOneBit(bytes) << 1;
    }
}

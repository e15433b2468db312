package io.tahweel.gateways.iso8583;

/**
 * Every bound of the acquirer side in one place, each with a test at the limit
 * (Iso8583LimitsTest, AcquirerLimitsSystemTest). Listeners may configure lower values, never higher.
 */
public final class Iso8583Limits
{
    /**
     * Largest frame (TPDU header + message) taken. An ISO 8583:1987 authorization with chip data
     * is well under 1 KiB; 4 KiB leaves room for private fields without letting a peer make the
     * gateway buffer 64 KiB per connection. Larger frames are skipped unread and count as an error.
     */
    public static final int MAX_FRAME_LENGTH = 4096;

    /** Connections one listener keeps open at once; the next is closed as soon as it is accepted. */
    public static final int MAX_CONNECTIONS_PER_LISTENER = 256;

    /** Connections over all listeners of one gateway: the size of the connection table. */
    public static final int MAX_CONNECTIONS = 4096;

    /**
     * Requests of one connection published to the core and not yet answered. Over it the request
     * is answered 91 at once without reaching the ring (the acquirer retries later; closing would
     * lose the answers still in flight).
     */
    public static final int MAX_IN_FLIGHT_PER_CONNECTION = 1024;

    /**
     * Malformed frames a connection may send before it is closed. Every
     * {@link #GOOD_FRAMES_PER_CREDIT} well-formed frames give one back, so a long-lived link with
     * rare errors stays up while a stream of garbage is cut off quickly.
     */
    public static final int ERROR_BUDGET = 16;

    /** Well-formed frames that earn back one unit of the error budget. */
    public static final int GOOD_FRAMES_PER_CREDIT = 64;

    private Iso8583Limits()
    {
    }
}

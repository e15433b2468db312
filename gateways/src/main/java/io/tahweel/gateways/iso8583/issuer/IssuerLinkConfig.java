package io.tahweel.gateways.iso8583.issuer;

import io.tahweel.gateways.iso8583.FieldEncoding;
import io.tahweel.gateways.iso8583.LengthPrefix;

/**
 * One outbound link from the switch to a remote issuer's host. Gateway configuration, not
 * journaled: where the issuer is and how to talk to it changes no decision of the core (the
 * core's link state comes from the journaled sign-on and drop events). Defaults are the profile
 * jPOS PostChannel + ISO87BPackager speak: 2-byte binary length, binary bitmap, no header.
 * <pre>
 *   new IssuerLinkConfig(3, "10.1.2.3", 8583)                        // PostChannel + ISO87BPackager
 *       .echoIntervalMs(30_000).reconnectBackoffMs(500, 30_000)
 *   new IssuerLinkConfig(4, "host", 8584).lengthPrefix(ASCII_4).fieldEncoding(ASCII)   // ASCIIChannel
 *   new IssuerLinkConfig(5, "host", 8585).tpdu(new byte[]{ 0x60, 0, 0, 0, 1 })         // NACChannel
 * </pre>
 */
public final class IssuerLinkConfig
{
    public static final int TPDU_LENGTH = 5;
    public static final long DEFAULT_ECHO_INTERVAL_MS = 30_000;
    public static final long DEFAULT_RECONNECT_MIN_MS = 500;
    public static final long DEFAULT_RECONNECT_MAX_MS = 30_000;
    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

    private final int issuerId;
    private final String host;
    private final int port;
    private LengthPrefix lengthPrefix = LengthPrefix.BINARY_2;
    private FieldEncoding fieldEncoding = FieldEncoding.BINARY;
    private byte[] tpdu;
    private long echoIntervalMs = DEFAULT_ECHO_INTERVAL_MS;
    private long reconnectMinMs = DEFAULT_RECONNECT_MIN_MS;
    private long reconnectMaxMs = DEFAULT_RECONNECT_MAX_MS;
    private int connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS;
    private int maxInFlight = IssuerLimits.DEFAULT_IN_FLIGHT_PER_LINK;
    private int maxFrameLength = IssuerLimits.MAX_FRAME_LENGTH;
    private String institutionId;

    /**
     * @param issuerId the REMOTE issuer participant this host answers for.
     * @param host     name or address of the issuer's host.
     * @param port     TCP port of the issuer's host.
     */
    public IssuerLinkConfig(final int issuerId, final String host, final int port)
    {
        if (issuerId < 1)
        {
            throw new IllegalArgumentException("issuer id must be positive: " + issuerId);
        }
        if (host == null || host.isBlank())
        {
            throw new IllegalArgumentException("an issuer link needs a host");
        }
        if (port < 1 || port > 0xFFFF)
        {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.issuerId = issuerId;
        this.host = host;
        this.port = port;
    }

    public IssuerLinkConfig lengthPrefix(final LengthPrefix lengthPrefix)
    {
        this.lengthPrefix = lengthPrefix;
        return this;
    }

    public IssuerLinkConfig fieldEncoding(final FieldEncoding fieldEncoding)
    {
        this.fieldEncoding = fieldEncoding;
        return this;
    }

    /** A 5-byte TPDU header sent before every message (NACChannel); null for none. */
    public IssuerLinkConfig tpdu(final byte[] tpdu)
    {
        if (tpdu != null && tpdu.length != TPDU_LENGTH)
        {
            throw new IllegalArgumentException("a TPDU is " + TPDU_LENGTH + " bytes");
        }
        this.tpdu = tpdu == null ? null : tpdu.clone();
        return this;
    }

    /**
     * Echo test (0800, field 70 = 301) period once signed on; an echo or a sign-on not answered
     * within one period drops the link.
     */
    public IssuerLinkConfig echoIntervalMs(final long echoIntervalMs)
    {
        if (echoIntervalMs < IssuerLimits.MIN_ECHO_INTERVAL_MS || echoIntervalMs > IssuerLimits.MAX_ECHO_INTERVAL_MS)
        {
            throw new IllegalArgumentException("echo interval must be " + IssuerLimits.MIN_ECHO_INTERVAL_MS + ".." +
                IssuerLimits.MAX_ECHO_INTERVAL_MS + " ms");
        }
        this.echoIntervalMs = echoIntervalMs;
        return this;
    }

    /** Reconnect delay: starts at {@code minMs}, doubles per failed attempt up to {@code maxMs}, resets on sign-on. */
    public IssuerLinkConfig reconnectBackoffMs(final long minMs, final long maxMs)
    {
        if (minMs < 1 || maxMs < minMs || maxMs > IssuerLimits.MAX_RECONNECT_BACKOFF_MS)
        {
            throw new IllegalArgumentException("reconnect back-off must be 1 <= min <= max <= " +
                IssuerLimits.MAX_RECONNECT_BACKOFF_MS + " ms");
        }
        this.reconnectMinMs = minMs;
        this.reconnectMaxMs = maxMs;
        return this;
    }

    public IssuerLinkConfig connectTimeoutMs(final int connectTimeoutMs)
    {
        if (connectTimeoutMs < 1 || connectTimeoutMs > 60_000)
        {
            throw new IllegalArgumentException("connect time-out must be 1..60000 ms");
        }
        this.connectTimeoutMs = connectTimeoutMs;
        return this;
    }

    /**
     * Forwarded requests remembered for matching answers; the oldest is forgotten first (an
     * answer to a forgotten request is still journaled: the core knows whether it is late).
     */
    public IssuerLinkConfig maxInFlight(final int maxInFlight)
    {
        if (maxInFlight < 1 || maxInFlight > IssuerLimits.MAX_IN_FLIGHT_PER_LINK)
        {
            throw new IllegalArgumentException("maxInFlight must be 1.." + IssuerLimits.MAX_IN_FLIGHT_PER_LINK);
        }
        this.maxInFlight = maxInFlight;
        return this;
    }

    public IssuerLinkConfig maxFrameLength(final int maxFrameLength)
    {
        if (maxFrameLength < 64 || maxFrameLength > IssuerLimits.MAX_FRAME_LENGTH)
        {
            throw new IllegalArgumentException("maxFrameLength must be 64.." + IssuerLimits.MAX_FRAME_LENGTH);
        }
        this.maxFrameLength = maxFrameLength;
        return this;
    }

    /** Field 33 on this link when it differs from {@link IssuerLinksConfig#institutionId()}. */
    public IssuerLinkConfig institutionId(final String institutionId)
    {
        this.institutionId = IssuerLinksConfig.checkInstitutionId(institutionId);
        return this;
    }

    public int issuerId()
    {
        return issuerId;
    }

    public String host()
    {
        return host;
    }

    public int port()
    {
        return port;
    }

    public LengthPrefix lengthPrefix()
    {
        return lengthPrefix;
    }

    public FieldEncoding fieldEncoding()
    {
        return fieldEncoding;
    }

    public byte[] tpdu()
    {
        return tpdu == null ? null : tpdu.clone();
    }

    public long echoIntervalMs()
    {
        return echoIntervalMs;
    }

    public long reconnectMinMs()
    {
        return reconnectMinMs;
    }

    public long reconnectMaxMs()
    {
        return reconnectMaxMs;
    }

    public int connectTimeoutMs()
    {
        return connectTimeoutMs;
    }

    public int maxInFlight()
    {
        return maxInFlight;
    }

    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /** The per-link institution id, or null to use the switch's. */
    public String institutionId()
    {
        return institutionId;
    }

    @Override
    public String toString()
    {
        return "issuer " + issuerId + " at " + host + ':' + port + " (" + lengthPrefix + ", " + fieldEncoding +
            (tpdu != null ? ", TPDU" : "") + ')';
    }
}

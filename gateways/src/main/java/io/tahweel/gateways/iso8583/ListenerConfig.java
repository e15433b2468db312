package io.tahweel.gateways.iso8583;

import io.tahweel.sbe.Channel;

import java.util.Arrays;

/**
 * One acquirer listener: a TCP port and the wire profile its participants speak. The default
 * profile is what jPOS PostChannel + ISO87BPackager speak: 2-byte binary length, binary bitmap,
 * no header.
 * <pre>
 *   new ListenerConfig("acquirers", 8583)                       // PostChannel + ISO87BPackager
 *   new ListenerConfig("ascii", 8584).lengthPrefix(ASCII_4).fieldEncoding(ASCII)  // ASCIIChannel + ISO87APackager
 *   new ListenerConfig("nac", 8585).tpdu(true)                  // NACChannel + ISO87BPackager, 5-byte TPDU
 *   .allowedAcquirers(2, 7)   // only these field-32 participant ids may use the listener
 * </pre>
 */
public final class ListenerConfig
{
    private final String name;
    private final int port;
    private String bindAddress = "0.0.0.0";
    private LengthPrefix lengthPrefix = LengthPrefix.BINARY_2;
    private FieldEncoding fieldEncoding = FieldEncoding.BINARY;
    private boolean tpdu;
    private int[] allowedAcquirers = new int[0];
    private Channel defaultChannel = Channel.POS;
    private int maxConnections = Iso8583Limits.MAX_CONNECTIONS_PER_LISTENER;
    private int maxInFlightPerConnection = Iso8583Limits.MAX_IN_FLIGHT_PER_CONNECTION;
    private int maxFrameLength = Iso8583Limits.MAX_FRAME_LENGTH;
    private int errorBudget = Iso8583Limits.ERROR_BUDGET;

    /**
     * @param name for logs.
     * @param port TCP port; 0 picks a free one (see {@link Iso8583Gateway#port(String)}).
     */
    public ListenerConfig(final String name, final int port)
    {
        if (name == null || name.isBlank())
        {
            throw new IllegalArgumentException("a listener needs a name");
        }
        if (port < 0 || port > 0xFFFF)
        {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.name = name;
        this.port = port;
    }

    public ListenerConfig bindAddress(final String bindAddress)
    {
        this.bindAddress = bindAddress;
        return this;
    }

    public ListenerConfig lengthPrefix(final LengthPrefix lengthPrefix)
    {
        this.lengthPrefix = lengthPrefix;
        return this;
    }

    public ListenerConfig fieldEncoding(final FieldEncoding fieldEncoding)
    {
        this.fieldEncoding = fieldEncoding;
        return this;
    }

    /** A 5-byte TPDU header after the length (NACChannel); answers echo it with source and destination swapped. */
    public ListenerConfig tpdu(final boolean tpdu)
    {
        this.tpdu = tpdu;
        return this;
    }

    /**
     * Participant ids allowed in field 32 on this listener; none = any. With exactly one, field
     * 32 may be omitted and that participant is the acquirer.
     */
    public ListenerConfig allowedAcquirers(final int... participantIds)
    {
        this.allowedAcquirers = participantIds.clone();
        Arrays.sort(this.allowedAcquirers);
        return this;
    }

    /** Channel recorded when fields 3, 22 and 25 do not say (see docs/protocols/iso8583.md). */
    public ListenerConfig defaultChannel(final Channel defaultChannel)
    {
        this.defaultChannel = defaultChannel;
        return this;
    }

    public ListenerConfig maxConnections(final int maxConnections)
    {
        this.maxConnections = bounded("maxConnections", maxConnections, Iso8583Limits.MAX_CONNECTIONS_PER_LISTENER);
        return this;
    }

    public ListenerConfig maxInFlightPerConnection(final int maxInFlight)
    {
        this.maxInFlightPerConnection =
            bounded("maxInFlightPerConnection", maxInFlight, Iso8583Limits.MAX_IN_FLIGHT_PER_CONNECTION);
        return this;
    }

    public ListenerConfig maxFrameLength(final int maxFrameLength)
    {
        this.maxFrameLength = bounded("maxFrameLength", maxFrameLength, Iso8583Limits.MAX_FRAME_LENGTH);
        return this;
    }

    public ListenerConfig errorBudget(final int errorBudget)
    {
        this.errorBudget = bounded("errorBudget", errorBudget, Iso8583Limits.ERROR_BUDGET);
        return this;
    }

    public String name()
    {
        return name;
    }

    public int port()
    {
        return port;
    }

    public String bindAddress()
    {
        return bindAddress;
    }

    public LengthPrefix lengthPrefix()
    {
        return lengthPrefix;
    }

    public FieldEncoding fieldEncoding()
    {
        return fieldEncoding;
    }

    public boolean tpdu()
    {
        return tpdu;
    }

    public Channel defaultChannel()
    {
        return defaultChannel;
    }

    public int maxConnections()
    {
        return maxConnections;
    }

    public int maxInFlightPerConnection()
    {
        return maxInFlightPerConnection;
    }

    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    public int errorBudget()
    {
        return errorBudget;
    }

    /** True when {@code participantId} may acquire on this listener. */
    public boolean allows(final long participantId)
    {
        return allowedAcquirers.length == 0 ||
            participantId <= Integer.MAX_VALUE && Arrays.binarySearch(allowedAcquirers, (int)participantId) >= 0;
    }

    /** The pinned acquirer when exactly one is allowed, else 0. */
    public int soleAcquirer()
    {
        return allowedAcquirers.length == 1 ? allowedAcquirers[0] : 0;
    }

    @Override
    public String toString()
    {
        return name + "(port " + port + ", " + lengthPrefix + ", " + fieldEncoding + (tpdu ? ", TPDU" : "") + ')';
    }

    private static int bounded(final String what, final int value, final int max)
    {
        if (value < 1 || value > max)
        {
            throw new IllegalArgumentException(what + " must be 1.." + max + ", got " + value);
        }
        return value;
    }
}

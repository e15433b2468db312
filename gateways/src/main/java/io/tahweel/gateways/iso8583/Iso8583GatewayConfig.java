package io.tahweel.gateways.iso8583;

import java.util.ArrayList;
import java.util.List;

/** The acquirer side of the ISO 8583 gateway: its listeners and its I/O threads. */
public final class Iso8583GatewayConfig
{
    /** One event loop thread: enough for tens of thousands of messages a second on a 2-core machine. */
    public static final int DEFAULT_IO_THREADS = 1;

    private final List<ListenerConfig> listeners = new ArrayList<>();
    private int ioThreads = DEFAULT_IO_THREADS;

    public Iso8583GatewayConfig listener(final ListenerConfig listener)
    {
        for (final ListenerConfig existing : listeners)
        {
            if (existing.name().equals(listener.name()))
            {
                throw new IllegalArgumentException("two listeners named " + listener.name());
            }
        }
        listeners.add(listener);
        return this;
    }

    public Iso8583GatewayConfig ioThreads(final int ioThreads)
    {
        if (ioThreads < 1 || ioThreads > 64)
        {
            throw new IllegalArgumentException("ioThreads must be 1..64");
        }
        this.ioThreads = ioThreads;
        return this;
    }

    public List<ListenerConfig> listeners()
    {
        return List.copyOf(listeners);
    }

    public int ioThreads()
    {
        return ioThreads;
    }
}

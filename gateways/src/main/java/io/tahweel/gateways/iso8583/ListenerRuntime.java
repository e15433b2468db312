package io.tahweel.gateways.iso8583;

import org.jpos.iso.packager.GenericPackager;

import java.util.concurrent.atomic.AtomicInteger;

/** What the sessions of one listener share: its configuration, packager, decoder, connection count and latency record. */
final class ListenerRuntime
{
    private final ListenerConfig config;
    private final GenericPackager packager;
    private final MessageDecoder decoder;
    private final AtomicInteger open = new AtomicInteger();
    private final AcquirerLatency latency;

    ListenerRuntime(final ListenerConfig config)
    {
        this(config, new AcquirerLatency());
    }

    ListenerRuntime(final ListenerConfig config, final AcquirerLatency latency)
    {
        this.config = config;
        this.latency = latency;
        this.packager = Iso8583Packagers.packager(config.fieldEncoding());
        this.decoder = new MessageDecoder(packager, config.tpdu());
    }

    ListenerConfig config()
    {
        return config;
    }

    GenericPackager packager()
    {
        return packager;
    }

    MessageDecoder decoder()
    {
        return decoder;
    }

    /** Where the listener's sessions record how long each answer took inside the switch. */
    AcquirerLatency latency()
    {
        return latency;
    }

    /** Counts a new connection; false (and not counted) when the listener is at its limit. */
    boolean tryOpen()
    {
        while (true)
        {
            final int current = open.get();
            if (current >= config.maxConnections())
            {
                return false;
            }
            if (open.compareAndSet(current, current + 1))
            {
                return true;
            }
        }
    }

    void closed()
    {
        open.decrementAndGet();
    }

    int openConnections()
    {
        return open.get();
    }
}

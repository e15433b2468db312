package io.tahweel.gateways.iso8583;

import org.jpos.iso.packager.GenericPackager;

import java.util.concurrent.atomic.AtomicInteger;

/** What the sessions of one listener share: its configuration, packager, decoder and connection count. */
final class ListenerRuntime
{
    private final ListenerConfig config;
    private final GenericPackager packager;
    private final MessageDecoder decoder;
    private final AtomicInteger open = new AtomicInteger();

    ListenerRuntime(final ListenerConfig config)
    {
        this.config = config;
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

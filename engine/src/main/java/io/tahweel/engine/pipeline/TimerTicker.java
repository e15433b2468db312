package io.tahweel.engine.pipeline;

import io.tahweel.sbe.MessageHeaderEncoder;
import io.tahweel.sbe.Source;
import io.tahweel.sbe.TimerTickEncoder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes a {@code TimerTick} into the ring at a fixed interval. Ticks are journaled like any
 * command, so hold timeouts fire at the same point of the journal on replay as they did live.
 */
public final class TimerTicker implements AutoCloseable
{
    /** Default tick interval: hold expiry is at most this late. */
    public static final long DEFAULT_INTERVAL_MS = 100;

    private final CommandPublisher publisher;
    private final long intervalNanos;
    private final Thread thread;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TimerTickEncoder tick = new TimerTickEncoder();
    private volatile boolean running = true;
    private long tickId;

    public TimerTicker(final CommandPublisher publisher, final long intervalMs, final String name)
    {
        this.publisher = publisher;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        thread = new Thread(this::run, name + "-timer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run()
    {
        while (running)
        {
            LockSupport.parkNanos(intervalNanos);
            if (!running)
            {
                break;
            }
            final CommandSlot slot = publisher.claim();
            tick.wrapAndApplyHeader(slot.buffer(), 0, header).tickId(++tickId);
            tick.header().source(Source.TIMER).correlationId(tickId).connectionId(0);
            slot.length(MessageHeaderEncoder.ENCODED_LENGTH + tick.encodedLength());
            publisher.publish(slot);
        }
    }

    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}

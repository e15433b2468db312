package io.tahweel.engine.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * Named wait strategies for the ring's consumers. The default, {@code blocking}, parks idle
 * stage threads so a 2-core machine is not starved; {@code busy-spin} and {@code yielding}
 * are for machines with a core to spare per stage.
 */
public final class WaitStrategies
{
    public static final String DEFAULT = "blocking";

    private WaitStrategies()
    {
    }

    public static WaitStrategy named(final String name)
    {
        switch (name)
        {
            case "blocking":
                return new BlockingWaitStrategy();
            case "sleeping":
                return new SleepingWaitStrategy();
            case "yielding":
                return new YieldingWaitStrategy();
            case "busy-spin":
                return new BusySpinWaitStrategy();
            default:
                throw new IllegalArgumentException(
                    "unknown wait strategy '" + name + "' (blocking, sleeping, yielding, busy-spin)");
        }
    }
}

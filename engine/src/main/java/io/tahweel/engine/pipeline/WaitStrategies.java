package io.tahweel.engine.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * Named wait strategies for the ring's consumers. The default, {@code sleeping}, spins briefly,
 * yields, then parks, in every stage, so a 2-core machine is not starved.
 * <p>
 * Not {@code blocking} by default: Disruptor's BlockingWaitStrategy parks only the first
 * stage on the ring's cursor; a dependent stage (the core waiting for the journaler, the output
 * waiting for the core) busy-spins on the stage before it. With three stages on two cores that
 * measured p50 3.4 ms against 0.3 ms for {@code sleeping} at 2,000 requests/s (tahweel load,
 * bench/RESULTS.md). {@code busy-spin} and {@code yielding} are for machines with a core per stage.
 */
public final class WaitStrategies
{
    public static final String DEFAULT = "sleeping";

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

package io.tahweel.engine.determinism;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Work-around for a bug in {@code SwitchPipeline.close()}: it returns once the ring is drained
 * but before the stage threads have run their shutdown hooks, so the core's closing snapshot is
 * written after {@code SwitchNode.close()} has returned (see {@code NodeCloseTest}). Tests that
 * read the closing snapshot wait for the pipeline's threads to exit first.
 */
public final class PipelineThreads
{
    private PipelineThreads()
    {
    }

    /** Waits until no thread of the pipeline named {@code pipelineName} is alive. */
    public static void awaitExit(final String pipelineName, final long timeoutSeconds)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (anyAlive(pipelineName))
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("pipeline " + pipelineName + " threads still alive after " + timeoutSeconds + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static boolean anyAlive(final String pipelineName)
    {
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.isAlive() && thread.getName().startsWith(pipelineName + "-"))
            {
                return true;
            }
        }
        return false;
    }
}

package io.tahweel.engine.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchProgressTest
{
    @Test
    void reportsOnlyAtTheEndOfEachInterval()
    {
        final Sequence sequence = new Sequence(-1);
        final BatchProgress progress = new BatchProgress();
        progress.done(BatchProgress.INTERVAL - 1); // before the callback is set: nothing to report to, no failure
        progress.sequence(sequence);
        for (long s = 0; s < BatchProgress.INTERVAL - 1; s++)
        {
            progress.done(s);
            assertEquals(-1, sequence.get());
        }
        progress.done(BatchProgress.INTERVAL - 1);
        assertEquals(BatchProgress.INTERVAL - 1, sequence.get());
        progress.done(BatchProgress.INTERVAL);
        assertEquals(BatchProgress.INTERVAL - 1, sequence.get());
    }

    /**
     * A stage stuck in the middle of one large batch, with a real Disruptor: the stage after it has
     * already processed what came before, instead of waiting for the end of the batch.
     */
    @Test
    void theNextStageWorksOnABatchBeforeThisStageHasFinishedIt() throws Exception
    {
        final int published = 1_000;
        final int stuckAt = 500;
        final CountDownLatch firstStuck = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicLong secondSeen = new AtomicLong();
        final Disruptor<long[]> disruptor = new Disruptor<>(() -> new long[1], 1024, DaemonThreadFactory.INSTANCE,
            ProducerType.SINGLE, new BlockingWaitStrategy());
        final EventHandler<long[]> first = new EventHandler<>()
        {
            private final BatchProgress progress = new BatchProgress();

            @Override
            public void setSequenceCallback(final Sequence sequenceCallback)
            {
                progress.sequence(sequenceCallback);
            }

            @Override
            public void onEvent(final long[] event, final long sequence, final boolean endOfBatch) throws Exception
            {
                if (sequence == stuckAt)
                {
                    firstStuck.countDown();
                    assertTrue(release.await(10, TimeUnit.SECONDS));
                }
                progress.done(sequence);
            }
        };
        disruptor.handleEventsWith(first).then((event, sequence, endOfBatch) -> secondSeen.set(sequence + 1));
        final RingBuffer<long[]> ring = disruptor.getRingBuffer();
        // the whole batch is published before the stages start, so the first stage sees it as one batch
        final long hi = ring.next(published);
        ring.publish(hi - published + 1, hi);
        disruptor.start();
        try
        {
            assertTrue(firstStuck.await(10, TimeUnit.SECONDS));
            final long reported = stuckAt / BatchProgress.INTERVAL * BatchProgress.INTERVAL;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (secondSeen.get() < reported && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
            assertEquals(reported, secondSeen.get(), "the next stage took every slot reported before the stuck one");
        }
        finally
        {
            release.countDown();
            disruptor.shutdown(10, TimeUnit.SECONDS);
        }
        assertEquals(published, secondSeen.get());
    }
}

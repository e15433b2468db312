package io.tahweel.engine.replication;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;

class StandbyAckGateTest
{
    private final AtomicBoolean standbyAlive = new AtomicBoolean();

    @Test
    void soloAndAsyncReleaseAtOnceAndAlwaysAcceptWork()
    {
        for (final ReplicationMode mode : new ReplicationMode[]{ReplicationMode.SOLO, ReplicationMode.ASYNC})
        {
            final StandbyAckGate gate = new StandbyAckGate(mode, standbyAlive::get, SystemNanoClock.INSTANCE);
            assertTrue(gate.acceptsNewWork());
            assertTrue(gate.isReleasable(1_000));
            assertTrue(gate.awaitReleasable(1_000, 0));
        }
        assertTrue(ReplicationGate.SOLO.acceptsNewWork() && ReplicationGate.SOLO.isReleasable(5));
    }

    @Test
    void syncReleasesUpToTheAckedSequenceAndAcceptsWorkOnlyWithAStandby()
    {
        final StandbyAckGate gate = new StandbyAckGate(ReplicationMode.SYNC, standbyAlive::get, SystemNanoClock.INSTANCE);
        assertFalse(gate.acceptsNewWork());
        standbyAlive.set(true);
        assertTrue(gate.acceptsNewWork());
        gate.onAck(10);
        assertTrue(gate.isReleasable(10));
        assertFalse(gate.isReleasable(11));
        gate.onAck(5);
        assertTrue(gate.isReleasable(10), "acks never go back");
        assertFalse(gate.awaitReleasable(11, TimeUnit.MILLISECONDS.toNanos(20)));
    }

    @Test
    void aWaiterIsWokenByTheAckNotByPolling() throws InterruptedException
    {
        final StandbyAckGate gate = new StandbyAckGate(ReplicationMode.SYNC, standbyAlive::get, SystemNanoClock.INSTANCE);
        final Thread acker = new Thread(() ->
        {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            gate.onAck(41);
            gate.onAck(42);
        });
        acker.start();
        final long start = System.nanoTime();
        assertTrue(gate.awaitReleasable(42, TimeUnit.SECONDS.toNanos(5)));
        final long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waitedMs < 1_000, "woken after " + waitedMs + " ms");
        acker.join();
    }

    @Test
    void switchingToSoloReleasesAWaiter() throws InterruptedException
    {
        final StandbyAckGate gate = new StandbyAckGate(ReplicationMode.SYNC, standbyAlive::get, SystemNanoClock.INSTANCE);
        final Thread operator = new Thread(() ->
        {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            gate.mode(ReplicationMode.SOLO);
        });
        operator.start();
        assertTrue(gate.awaitReleasable(7, TimeUnit.SECONDS.toNanos(5)));
        operator.join();
    }

    @Test
    void aFencedGateTakesNoWorkAndReleasesNothingWhateverTheModeOrAcks()
    {
        final StandbyAckGate gate = new StandbyAckGate(ReplicationMode.SYNC, () -> true, SystemNanoClock.INSTANCE);
        gate.onAck(10);
        assertTrue(gate.isReleasable(10));
        gate.fence();
        assertTrue(gate.isFenced());
        assertFalse(gate.acceptsNewWork());
        assertFalse(gate.isReleasable(10));
        gate.onAck(20);
        gate.mode(ReplicationMode.SOLO);
        assertFalse(gate.acceptsNewWork());
        assertFalse(gate.isReleasable(5));
        final long start = System.nanoTime();
        assertFalse(gate.awaitReleasable(5, TimeUnit.SECONDS.toNanos(10)));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "a fenced wait returns after one short park");
    }
}

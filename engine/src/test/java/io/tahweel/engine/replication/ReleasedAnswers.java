package io.tahweel.engine.replication;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.engine.pipeline.OutcomeListener;
import io.tahweel.sbe.EpochStartDecoder;
import io.tahweel.sbe.MessageHeaderDecoder;

/**
 * What a node in the test's JVM released, as its acquirer sees it: answers by STAN (the correlation id) with
 * sequence, result and authorization id; refusals counted; epoch starts counted.
 */
final class ReleasedAnswers implements OutcomeListener
{
    /** Rounds of retransmission before a test gives up on a node that keeps refusing. */
    static final int MAX_ROUNDS = 50;

    /** Waits for a condition or fails naming it: each test class has its own timeout. */
    interface Awaiter
    {
        void await(BooleanSupplier condition, String what);
    }

    final Map<Long, long[]> byStan = new ConcurrentHashMap<>();
    final AtomicInteger rejected = new AtomicInteger();
    final AtomicInteger epochStarts = new AtomicInteger();
    volatile int lastRejection;

    @Override
    public void onOutcome(final CommandSlot slot)
    {
        if (slot.rejection() != CommandSlot.ACCEPTED)
        {
            lastRejection = slot.rejection();
            rejected.incrementAndGet();
            return;
        }
        final Outcome outcome = slot.outcome();
        if (outcome.type() == Outcome.AUTHORIZATION)
        {
            byStan.put(outcome.correlationId(),
                new long[]{slot.sequence(), outcome.result(), outcome.authorizationId()});
        }
        else if (outcome.type() == Outcome.NONE &&
            new MessageHeaderDecoder().wrap(slot.buffer(), 0).templateId() == EpochStartDecoder.TEMPLATE_ID)
        {
            epochStarts.incrementAndGet();
        }
    }

    /**
     * Sends STANs 1..{@code stans} as repeats until each has an answer, as an acquirer would: what the node refuses
     * (in SYNC without a live standby it takes no new work, and a standby catching up on two shared cores can be
     * silent past the loss threshold for a moment) is sent again. Each round waits for an outcome, answer or
     * refusal, of every request it sent.
     *
     * @param sendRepeat publishes the repeat of one STAN to the node this listener hears.
     */
    void retransmitUntilAnswered(final int stans, final IntConsumer sendRepeat, final Awaiter awaiter)
    {
        for (int round = 1; byStan.size() < stans; round++)
        {
            final int answeredBefore = byStan.size();
            final int rejectedBefore = rejected.get();
            int sent = 0;
            for (int stan = 1; stan <= stans; stan++)
            {
                if (!byStan.containsKey((long)stan))
                {
                    sendRepeat.accept(stan);
                    sent++;
                }
            }
            final int outcomes = sent;
            awaiter.await(() -> byStan.size() - answeredBefore + rejected.get() - rejectedBefore >= outcomes,
                "outcomes of " + outcomes + " retransmissions (round " + round + ")");
            final int refused = rejected.get() - rejectedBefore;
            if (refused > 0)
            {
                System.out.println("retransmission round " + round + ": " + refused + " of " + outcomes +
                    " refused (rejection " + lastRejection + "), sent again");
                assertTrue(round < MAX_ROUNDS, "retransmissions still refused after " + round + " rounds");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }
}

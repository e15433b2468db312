package io.tahweel.tools.demo;

import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.pipeline.CommandSlot;
import io.tahweel.engine.pipeline.OutcomeListener;
import io.tahweel.sbe.AuthorizationResult;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the demo's outcomes on the output stage thread (single writer); read them after the
 * node has released the last outcome, which publishes them to the reading thread.
 */
public final class DemoStats implements OutcomeListener
{
    private final long[] authorizationResults = new long[64];
    private volatile long authorizations;
    private long repeats;
    private long others;
    private long rejected;

    @Override
    public void onOutcome(final CommandSlot slot)
    {
        if (slot.rejection() != CommandSlot.ACCEPTED)
        {
            rejected++;
            return;
        }
        final Outcome outcome = slot.outcome();
        if (outcome.type() == Outcome.AUTHORIZATION)
        {
            authorizations++;
            authorizationResults[outcome.result()]++;
            if (outcome.repeat())
            {
                repeats++;
            }
        }
        else
        {
            others++;
        }
    }

    /** Card messages answered so far; safe to read from any thread. */
    public long cardMessages()
    {
        return authorizations;
    }

    public void print(final PrintStream out)
    {
        final Map<String, Long> mix = new TreeMap<>();
        for (int result = 0; result < authorizationResults.length; result++)
        {
            if (authorizationResults[result] > 0)
            {
                mix.put(AuthorizationResult.get(result).name(), authorizationResults[result]);
            }
        }
        out.printf("card messages:    %,d (%,d retransmissions answered from the journal's record)%n",
            authorizations, repeats);
        mix.entrySet().stream()
            .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
            .forEach(e -> out.printf("  %-28s %,9d  %5.1f%%%n", e.getKey(), e.getValue(),
                100.0 * e.getValue() / Math.max(1, authorizations)));
        out.printf("other entries:    %,d (admin, transfers, timer ticks)%n", others);
        if (rejected > 0)
        {
            out.printf("refused entries:  %,d%n", rejected);
        }
    }
}

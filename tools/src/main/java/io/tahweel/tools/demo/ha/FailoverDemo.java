package io.tahweel.tools.demo.ha;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.replay.ReplayEngine;
import io.tahweel.replay.ReplayRange;
import io.tahweel.replay.verify.JournalVerifier;
import io.tahweel.tools.demo.DemoData;
import io.tahweel.tools.load.FailoverAcquirer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo's high-availability phase. Both nodes run in child JVMs (not in this one) so that the primary's
 * death is a real {@code kill -9}: its threads, sockets and UDP publications vanish at once, as in a crashed
 * data centre, rather than being closed politely by code that knows it is a test.
 * <pre>
 *  1. primary JVM, then standby JVM (tahweel node --role ... --replication sync --after-promotion serve
 *     --demo-cards N), SYNC over UDP
 *  2. acquirer: sign on to the primary, 0200s at a steady rate, every answer kept (STAN, RRN, fields 39, 38)
 *  3. part-way: kill -9 the primary; the acquirer sees its connection reset
 *  4. the standby promotes itself (GET /status polled); it has no standby now, so it serves alone (ASYNC,
 *     --after-promotion serve) until one catches up: in SYNC it would decline all new work (91)
 *  5. acquirer: reconnect to the standby's ISO 8583 port (retry until accepted), sign on, retransmit every
 *     unanswered request as a 0201 repeat, carry on with the rest
 *  6. stop the new primary (SIGTERM), replay its journal: every answer audited, journal verified
 * </pre>
 */
public final class FailoverDemo
{
    /** The share of the traffic sent to the primary before it is killed. */
    private static final double KILL_AT = 0.5;
    /** RRNs of the phase: apart from anything else the demo sends. */
    private static final long RRN_BASE = 900_000_000_000L;
    private static final long CONNECT_TIMEOUT_MS = 30_000;
    private static final long ANSWER_TIMEOUT_MS = 30_000;
    private static final long DISCONNECT_TIMEOUT_MS = 10_000;
    private static final int SAMPLES = 3;

    /** What the phase measured and what the audit counted ({@code findings}); {@link #passed()} is the demo's verdict. */
    public record Result(int requests, int sentBeforeKill, int answeredBeforeKill, long promotedMs, long reconnectedMs,
        int reconnectAttempts, FailoverAudit.Findings findings, JournalVerifier.Report verify,
        boolean newPrimaryStoppedCleanly)
    {
        public boolean passed()
        {
            return findings.passed() && verify.ok() && newPrimaryStoppedCleanly;
        }
    }

    private final Path haDirectory;
    private final int cards;
    private final int requests;
    private final int rate;

    /**
     * @param haDirectory where both nodes' data directories go ({@code primary/}, {@code standby/}); nothing else
     *                    is written.
     * @param cards       demo cards in both nodes' bootstrap.
     * @param requests    0200s in all.
     * @param rate        requests per second.
     */
    public FailoverDemo(final Path haDirectory, final int cards, final int requests, final int rate)
    {
        if (requests < 10 || rate < 1)
        {
            throw new IllegalArgumentException("the HA phase needs at least 10 requests and a rate of 1/s or more: " +
                requests + " at " + rate + "/s");
        }
        this.haDirectory = haDirectory;
        this.cards = cards;
        this.requests = requests;
        this.rate = rate;
    }

    public Result run(final PrintStream out) throws IOException, InterruptedException
    {
        out.printf("high availability: a primary and a standby, each a tahweel node in its own JVM, SYNC replication " +
            "over UDP on loopback (%s)%n", haDirectory);
        final FailoverAcquirer acquirer = new FailoverAcquirer(new DemoData(cards).activeFundedPans(),
            DemoData.ACQUIRER, requests, RRN_BASE);
        final int sentBeforeKill;
        final int answeredBeforeKill;
        final long promotedMs;
        final long reconnectedMs;
        final FailoverAcquirer.Reconnection reconnection;
        final boolean stoppedCleanly;
        final long started = System.nanoTime();
        try (NodePair pair = NodePair.start(haDirectory, cards); acquirer)
        {
            final NodePair.Node primary = pair.primary();
            final NodePair.Node standby = pair.standby();
            out.printf("  nodes:           primary pid %d (ISO 8583 port %d, admin %s), standby pid %d (admin %s); " +
                "replicating after %.1f s%n", primary.process().pid(), primary.iso8583Port(), primary.admin().url(),
                standby.process().pid(), standby.admin().url(), (System.nanoTime() - started) / 1e9);

            acquirer.connect(primary.iso8583Port(), 0, CONNECT_TIMEOUT_MS);
            out.printf("  acquirer:        signed on to the primary; %,d financial requests (0200) at %,d/s, " +
                "unique STAN and RRN each%n", requests, rate);
            acquirer.send((int)(requests * KILL_AT), rate);
            sentBeforeKill = acquirer.sent();
            // On a starved machine SYNC answers can lag the sends: kill only once some have come back, or the
            // failover would have nothing answered to carry over.
            final long firstAnswerDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ANSWER_TIMEOUT_MS);
            while (acquirer.answered() == 0 && System.nanoTime() < firstAnswerDeadline)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }

            final long killed = System.nanoTime();
            primary.process().kill();
            if (!acquirer.awaitDisconnected(DISCONNECT_TIMEOUT_MS))
            {
                throw new IllegalStateException("the acquirer's connection to the killed primary is still open");
            }
            answeredBeforeKill = acquirer.answered();
            out.printf("  kill -9:         primary (pid %d) after %,d requests sent: %,d answered, %,d without an " +
                "answer%n", primary.process().pid(), sentBeforeKill, answeredBeforeKill,
                sentBeforeKill - answeredBeforeKill);

            final String status = NodePair.awaitStatus(standby,
                s -> "PRIMARY".equals(NodeAdmin.field(s, "role")), "promote itself");
            promotedMs = millisSince(killed);
            out.printf("  promoted:        the standby is PRIMARY of epoch %s, %,d ms after the kill " +
                "(GET /status every 10 ms)%n", NodeAdmin.field(status, "epoch"), promotedMs);
            out.printf("  serving alone:   the new primary has no standby: it answers in %s mode " +
                "(--after-promotion serve) until one catches up%n", NodeAdmin.field(status, "replicationMode"));

            reconnection = acquirer.connect(standby.iso8583Port(), 1, CONNECT_TIMEOUT_MS);
            reconnectedMs = millisSince(killed);
            final List<Integer> retransmitted = acquirer.retransmitUnanswered();
            out.printf("  failover:        acquirer reconnected to the standby's ISO 8583 port %d and signed on at " +
                "+%,d ms (%d attempt%s); %,d unanswered requests retransmitted as repeats (0201, same STAN, RRN, " +
                "field 7)%n", standby.iso8583Port(), reconnectedMs, reconnection.attempts(),
                reconnection.attempts() == 1 ? "" : "s", retransmitted.size());
            acquirer.send(requests, rate);
            final boolean allAnswered = acquirer.awaitAllAnswered(ANSWER_TIMEOUT_MS);
            out.printf("  traffic:         %,d sent, %,d answered (%,d by the old primary, %,d by the new)%s%n",
                acquirer.sent(), acquirer.answered(), answeredBeforeKill, acquirer.answered() - answeredBeforeKill,
                allAnswered ? "" : "; gave up waiting for the rest after " + ANSWER_TIMEOUT_MS + " ms");
            if (!allAnswered)
            {
                // where the missing answers wait: the gate's mode, the journal and output positions of the new primary
                out.printf("  new primary's status with answers missing: %s%n", standby.admin().statusOrNull());
            }
            stoppedCleanly = standby.process().stop();
        }
        final JournaledDecisions decisions = replay(haDirectory.resolve("standby"));
        final FailoverAudit.Findings findings = FailoverAudit.audit(acquirer, decisions);
        final JournalVerifier.Report verify = new JournalVerifier(new CoreContext()).verify(haDirectory.resolve("standby"));
        final Result result = new Result(requests, sentBeforeKill, answeredBeforeKill, promotedMs, reconnectedMs,
            reconnection.attempts(), findings, verify, stoppedCleanly);
        printRetransmissions(acquirer, decisions, out);
        print(result, out);
        return result;
    }

    private static JournaledDecisions replay(final Path dataDirectory)
    {
        final JournaledDecisions decisions = new JournaledDecisions(DemoData.ACQUIRER);
        new ReplayEngine(new CoreContext()).replay(dataDirectory, ReplayRange.all(), List.of(decisions),
            (read, total) -> { });
        return decisions;
    }

    /** A few retransmissions with what they got, so the reader sees both kinds. */
    private static void printRetransmissions(final FailoverAcquirer acquirer, final JournaledDecisions journal,
        final PrintStream out)
    {
        final long boundary = journal.previousEpochLastSequence();
        int shown = 0;
        for (final int i : acquirer.retransmitted())
        {
            if (shown++ == SAMPLES)
            {
                out.printf("    ... %,d more%n", acquirer.retransmitted().size() - SAMPLES);
                break;
            }
            final FailoverAcquirer.Answer answer = acquirer.answer(i);
            final JournaledDecisions.Decision decision = journal.decision(acquirer.rrn(i));
            final String got = answer == null ? "no answer" :
                "field 39 " + answer.responseCode() + (answer.approvalCode() == null ? "" : ", 38 " + answer.approvalCode());
            final String why = decision == null ? "not in the journal" : decision.sequence <= boundary ?
                "the original answer: the old primary journaled it at " + decision.sequence + " and the standby had it" :
                "decided fresh at " + decision.sequence + ": the old primary had not replicated it";
            out.printf("    repeat STAN %s RRN %s: %s (%s)%n", FailoverAcquirer.stan(i), acquirer.rrn(i), got, why);
        }
    }

    private void print(final Result result, final PrintStream out)
    {
        final FailoverAudit.Findings f = result.findings();
        out.printf("  new primary:     epoch started at sequence %,d; the old primary's epoch ended at %,d%n",
            f.epochStartSequence(), f.previousEpochLastSequence());
        out.printf("  audit (the new primary's journal replayed, fields 39/38 re-derived):%n");
        check(out, "answers of the old primary journaled, same 39/38, in its epoch", f.oldAnswersJournaled(),
            f.oldAnswers());
        check(out, "answers of the new primary journaled, same 39/38", f.newAnswersJournaled(), f.newAnswers());
        out.printf("    answered 91 and not journaled (refused at the door, nothing decided): %,d%n",
            f.refusedUnjournaled());
        out.printf("    retransmissions: %,d, %,d got the original answer, %,d decided fresh%n",
            f.retransmissions(), f.repeatsWithOriginalAnswer(), f.retransmissionsDecidedFresh());
        out.printf("    RRNs approved twice: %,d; requests never answered: %,d%n", f.doubleApprovals(), f.unanswered());
        for (final String problem : f.problems())
        {
            out.println("    PROBLEM: " + problem);
        }
        final JournalVerifier.Report v = result.verify();
        out.printf("  verify:          %s (new primary's journal: %,d entries, state from genesis %s snapshot + tail, " +
            "ledger invariants %s, %.2f s)%n", v.ok() ? "OK" : "MISMATCH", v.entries(),
            v.genesisHash().equals(v.snapshotHash()) ? "=" : "!=",
            v.invariantViolation() == null ? "hold" : v.invariantViolation(), v.elapsedNanos() / 1e9);
        if (!result.newPrimaryStoppedCleanly())
        {
            out.println("    PROBLEM: the new primary did not stop on SIGTERM and was killed");
        }
        out.println(result.passed() ? "high availability: nothing lost, nothing twice" :
            "high availability: CHECKS FAILED (see PROBLEM lines; node logs: " + haDirectory + "/*/node.log)");
    }

    private static void check(final PrintStream out, final String what, final int found, final int of)
    {
        out.printf("    %s: %,d of %,d %s%n", what, found, of, found == of ? "OK" : "FAILED");
    }

    private static long millisSince(final long nanoTime)
    {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }
}

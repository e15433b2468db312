package io.tahweel.tools.demo.ha;

import io.tahweel.gateways.iso8583.ResponseCodes;
import io.tahweel.tools.load.FailoverAcquirer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * "Nothing lost, nothing twice", checked from the acquirer's side against the new primary's journal: every
 * answer the acquirer holds, from either node, is the journal's decision on that RRN (field 39 from the result,
 * field 38 from the authorization id, as the gateway derives them); an answer of the old primary is journaled
 * inside the epoch the standby took over (at or before the new epoch's {@code previousEpochLastSequence}); a
 * retransmission of a request whose original was journaled got the original answer; no RRN was approved twice;
 * every request was answered once. A 91 with no journal entry is counted apart: the node refused the request
 * before journaling it (a SYNC primary declines new work while it sees no live standby), so nothing was decided
 * and nothing can be lost; the acquirer was told.
 */
final class FailoverAudit
{
    /** Problems listed in full; beyond this only counted. */
    private static final int MAX_LISTED = 10;

    /** What the audit found. {@code problems} is empty when every check passed. */
    record Findings(int oldAnswers, int oldAnswersJournaled, int newAnswers, int newAnswersJournaled,
        int refusedUnjournaled, int retransmissions, int repeatsWithOriginalAnswer, int retransmissionsDecidedFresh, int doubleApprovals,
        int unanswered, long epochStartSequence, long previousEpochLastSequence, List<String> problems)
    {
        boolean passed()
        {
            return problems.isEmpty();
        }
    }

    private final List<String> problems = new ArrayList<>();
    private int problemCount;

    private FailoverAudit()
    {
    }

    static Findings audit(final FailoverAcquirer acquirer, final JournaledDecisions journal)
    {
        return new FailoverAudit().run(acquirer, journal);
    }

    private Findings run(final FailoverAcquirer acquirer, final JournaledDecisions journal)
    {
        final long boundary = journal.previousEpochLastSequence();
        if (journal.epochStartSequence() == 0)
        {
            problem("the new primary's journal has no EpochStart: the standby never promoted");
        }
        int oldAnswers = 0;
        int oldJournaled = 0;
        int newAnswers = 0;
        int newJournaled = 0;
        int unanswered = 0;
        int refused = 0;
        for (int i = 0; i < acquirer.sent(); i++)
        {
            final FailoverAcquirer.Answer answer = acquirer.answer(i);
            if (answer == null)
            {
                unanswered++;
                final JournaledDecisions.Decision decided = journal.decision(acquirer.rrn(i));
                // which side lost it: a decided request's answer went missing on its way out; an undecided one never
                // reached the core
                problem("STAN " + FailoverAcquirer.stan(i) + " RRN " + acquirer.rrn(i) + " was never answered" +
                    (decided == null ? " (not in the new primary's journal)" :
                    " (journaled at " + decided.sequence + ": decided, the answer did not arrive)"));
                continue;
            }
            final JournaledDecisions.Decision decision = journal.decision(acquirer.rrn(i));
            if (decision == null && ResponseCodes.SYSTEM_UNAVAILABLE.equals(answer.responseCode()))
            {
                refused++; // declined at the door (a SYNC primary without a live standby): nothing was decided
                continue;
            }
            final boolean matches = matches(i, acquirer, answer, decision);
            if (answer.address() == 0)
            {
                oldAnswers++;
                if (matches && decision.sequence > boundary)
                {
                    problem("STAN " + FailoverAcquirer.stan(i) + ": answered by the old primary but journaled at " +
                        decision.sequence + ", after its epoch ended at " + boundary);
                }
                else if (matches)
                {
                    oldJournaled++;
                }
            }
            else
            {
                newAnswers++;
                newJournaled += matches ? 1 : 0;
            }
        }
        int withOriginal = 0;
        int fresh = 0;
        for (final int i : acquirer.retransmitted())
        {
            final JournaledDecisions.Decision decision = journal.decision(acquirer.rrn(i));
            if (decision != null && decision.sequence <= boundary)
            {
                withOriginal++; // answered by the core from the original's record (matches() checked the codes)
            }
            else
            {
                fresh++;
            }
        }
        final int doubleApprovals = doubleApprovals(journal.decisions());
        if (acquirer.unexpectedAnswers() > 0)
        {
            problem(acquirer.unexpectedAnswers() + " answers to nothing outstanding (a second answer to a request)");
        }
        if (problemCount > MAX_LISTED)
        {
            problems.add("... and " + (problemCount - MAX_LISTED) + " more");
        }
        return new Findings(oldAnswers, oldJournaled, newAnswers, newJournaled, refused, acquirer.retransmitted().size(),
            withOriginal, fresh, doubleApprovals, unanswered, journal.epochStartSequence(), boundary,
            List.copyOf(problems));
    }

    /** Whether the answer is the journal's decision; a problem is recorded when not. */
    private boolean matches(final int i, final FailoverAcquirer acquirer, final FailoverAcquirer.Answer answer,
        final JournaledDecisions.Decision decision)
    {
        final String what = "STAN " + FailoverAcquirer.stan(i) + " RRN " + acquirer.rrn(i) + " (answered " +
            answer.responseCode() + "/" + answer.approvalCode() + " by the " + (answer.address() == 0 ? "old" : "new") +
            " primary)";
        if (decision == null)
        {
            problem(what + " is not in the new primary's journal");
            return false;
        }
        final String code = ResponseCodes.code(decision.result);
        final String approval = ResponseCodes.APPROVED.equals(code) ? ResponseCodes.approvalCode(decision.authorizationId) :
            null;
        if (!code.equals(answer.responseCode()) || !Objects.equals(approval, answer.approvalCode()))
        {
            problem(what + " but the journal says " + code + "/" + approval + " at sequence " + decision.sequence);
            return false;
        }
        return true;
    }

    private int doubleApprovals(final Map<String, JournaledDecisions.Decision> decisions)
    {
        int count = 0;
        for (final Map.Entry<String, JournaledDecisions.Decision> entry : decisions.entrySet())
        {
            final JournaledDecisions.Decision decision = entry.getValue();
            if (decision.freshApprovals > 1)
            {
                count++;
                problem("RRN " + entry.getKey() + " approved " + decision.freshApprovals + " times");
            }
            if (decision.repeatsAnsweredDifferently > 0)
            {
                problem("RRN " + entry.getKey() + ": a repeat was answered differently from the original");
            }
        }
        return count;
    }

    private void problem(final String text)
    {
        if (problemCount++ < MAX_LISTED)
        {
            problems.add(text);
        }
    }
}

package io.tahweel.tools.demo.ha;

import io.tahweel.tools.demo.DemoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's high-availability phase for real: two {@code tahweel node --demo-cards} JVMs, the primary killed
 * (SIGKILL) half-way through 400 ISO 8583 requests, the standby promoted, the acquirer failed over, and the
 * audit of the new primary's journal. Asserts what the audit counted, not only its verdict.
 */
class FailoverDemoTest
{
    private static final int CARDS = 40;
    private static final int REQUESTS = 400;
    private static final int LOG_LINES = 60;

    @TempDir
    Path dir;

    @Test
    void primaryKilledPartWayStandbyTakesOverNothingLostNothingTwice() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final FailoverDemo.Result result;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            result = new FailoverDemo(dir.resolve("ha"), CARDS, REQUESTS, 400).run(out);
        }
        try
        {
            check(result, bytes.toString(StandardCharsets.UTF_8));
        }
        catch (final AssertionError failure)
        {
            // the temporary directory goes with the test: keep what the nodes logged in the report
            throw new AssertionError(failure.getMessage() + nodeLogs(), failure);
        }
    }

    private void check(final FailoverDemo.Result result, final String output) throws Exception
    {
        final FailoverAudit.Findings found = result.findings();

        assertEquals(REQUESTS / 2, result.sentBeforeKill(), output);
        assertTrue(found.oldAnswers() > 0, "the old primary answered before the kill: " + output);
        assertEquals(found.oldAnswers(), found.oldAnswersJournaled(),
            "every answer of the old primary is in the new primary's journal with the same 39/38: " + output);
        assertTrue(found.newAnswers() >= REQUESTS / 2, "the new primary answered the rest: " + output);
        assertEquals(found.newAnswers(), found.newAnswersJournaled(), output);
        assertEquals(REQUESTS, found.oldAnswers() + found.newAnswers() + found.refusedUnjournaled(),
            "each request answered once: " + output);
        assertTrue(found.refusedUnjournaled() < REQUESTS / 4, "91s only if the pair was starved of CPU: " + output);
        assertEquals(result.sentBeforeKill() - result.answeredBeforeKill(), found.retransmissions(),
            "every request without an answer at the kill was retransmitted: " + output);
        assertEquals(0, found.unanswered(), output);
        assertEquals(0, found.doubleApprovals(), output);
        assertTrue(found.problems().isEmpty(), found.problems().toString());
        assertTrue(result.verify().ok(), output);
        assertTrue(result.verify().entries() > REQUESTS, "the verified journal holds the traffic: " + output);
        assertTrue(found.epochStartSequence() > 0, "the new primary opened epoch 2: " + output);
        assertTrue(result.promotedMs() > 0 && result.reconnectedMs() >= result.promotedMs(), output);
        assertTrue(result.newPrimaryStoppedCleanly(), output);
        assertTrue(result.passed(), output);
        assertTrue(output.contains("high availability: nothing lost, nothing twice"), output);

        final DemoData data = new DemoData(CARDS);
        for (int i = 0; i < CARDS; i++)
        {
            assertFalse(output.contains(data.pan(i)), "a card number appears in clear in the demo output");
        }
        try (Stream<Path> written = Files.list(dir))
        {
            assertEquals(1, written.count(), "nothing written outside the HA directory");
        }
        assertTrue(Files.exists(dir.resolve("ha/primary/node.log")) && Files.exists(dir.resolve("ha/standby/node.log")));
    }

    /** The last lines each node logged. */
    private String nodeLogs()
    {
        final StringBuilder logs = new StringBuilder();
        for (final String node : new String[]{"primary", "standby"})
        {
            final Path log = dir.resolve("ha").resolve(node).resolve("node.log");
            try
            {
                final List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
                logs.append("\n--- last lines of ").append(log).append(" ---\n");
                lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size())
                    .forEach(line -> logs.append(line).append('\n'));
            }
            catch (final IOException | RuntimeException ex)
            {
                logs.append("\n(").append(log).append(": ").append(ex).append(")\n");
            }
        }
        return logs.toString();
    }
}

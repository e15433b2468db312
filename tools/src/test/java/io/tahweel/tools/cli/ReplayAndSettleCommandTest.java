package io.tahweel.tools.cli;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.node.SwitchNode;
import io.tahweel.engine.pipeline.OutcomeListener;
import io.tahweel.engine.pipeline.PipelineContext;
import io.tahweel.gateways.admin.AdminHttpServer;
import io.tahweel.gateways.card.PanTokenizer;
import io.tahweel.tools.Tahweel;
import io.tahweel.tools.demo.DemoData;
import io.tahweel.tools.demo.DemoTraffic;
import io.tahweel.gateways.admin.BootstrapParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tahweel replay} on a demo journal, and {@code tahweel settle} against a running node. */
class ReplayAndSettleCommandTest
{
    @Test
    void replayWritesEachViewOfTheDemoJournalAndMatchesTheDemosCutOff(@TempDir final Path tmp) throws Exception
    {
        final Path dir = tmp.resolve("demo");
        final Run demo = run("demo", "--data-dir", dir.toString(), "--transactions", "2000", "--cards", "30",
            "--socket-seconds", "0");
        assertEquals(0, demo.exitCode, demo.out);
        assertTrue(demo.out.contains("verify:           OK"), demo.out);
        assertTrue(demo.out.contains("settlement:       window 1 cut off at sequence"), demo.out);

        final Path csv = tmp.resolve("window1.csv");
        final Run settlement = run("replay", "--journal", dir.toString(), "--view", "settlement", "--window", "1",
            "--out", csv.toString(), "--quiet");
        assertEquals(0, settlement.exitCode, settlement.err);
        final String report = Files.readString(csv);
        assertTrue(report.startsWith("window,status,"), report);
        assertTrue(report.lines().skip(1).allMatch(l -> l.startsWith("1,closed,")), report);
        final long netSum = report.lines().skip(1).mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1))).sum();
        assertEquals(0, netSum, "nets and fees sum to zero");
        for (final String line : report.lines().skip(1).filter(l -> !l.contains("SWITCH_FEES")).toList())
        {
            final String[] f = line.split(",");
            assertTrue(demo.out.contains("participant " + f[8] + "  818:") &&
                demo.out.contains(String.format("net %,15d", Long.parseLong(f[14]))), line + "\n" + demo.out);
        }
        assertTrue(settlement.err.contains("entries/s after set-up") && settlement.err.contains("window 1 closed"),
            settlement.err);

        // In a terminal the progress bar (stderr) and the report (stdout) share the screen: the bar
        // ends its line before the report starts.
        final String terminal = runOnOneTerminal("replay", "--journal", dir.toString(), "--view", "settlement");
        assertTrue(terminal.contains("entries\nwindow,status,"), terminal);

        for (final String view : new String[]{"clearing", "reporting", "audit"})
        {
            final Run json = run("replay", "--journal", dir.toString(), "--view", view, "--format", "json", "--quiet");
            assertEquals(0, json.exitCode, json.err);
            assertTrue(json.out.startsWith("{\"view\":\"" + view + "\""), json.out);
            final DemoData data = new DemoData(30);
            for (int i = 0; i < data.cardCount(); i++)
            {
                assertFalse(json.out.contains(data.pan(i)), "card number in clear in the " + view + " view");
            }
        }
        assertTrue(run("replay", "--journal", dir.toString(), "--view", "audit", "--quiet").out
            .contains(",ADMIN,demo,CloseSettlementWindow,windowId=1,OK"));

        assertEquals(2, run("replay", "--journal", dir.toString(), "--view", "nope").exitCode);
        assertEquals(2, run("replay", "--journal", dir.toString(), "--window", "1", "--from-seq", "3").exitCode);
        assertEquals(2, run("replay", "--journal", tmp.resolve("missing").toString()).exitCode);
        final Run empty = run("replay", "--journal", dir.toString(), "--from", "2000-01-01T00:00:00Z", "--to",
            "2000-01-02T00:00:00Z", "--quiet");
        assertEquals(0, empty.exitCode, empty.err);
        assertTrue(empty.err.contains("none (the report is empty)"), empty.err);
    }

    @Test
    void settleClosesTheWindowOfARunningNodeAndPrintsItsPositions(@TempDir final Path dir) throws Exception
    {
        final PanTokenizer tokenizer = NodeLauncher.tokenizer(dir);
        final DemoData data = new DemoData(20);
        final LiveSettlement settlement = new LiveSettlement(dir, OutcomeListener.NO_OP);
        try (SwitchNode node = NodeLauncher.start(dir,
                new BootstrapParser(tokenizer, "test").parse("test", new StringReader(data.bootstrap())),
                new CoreContext(), new PipelineContext().name("settle-test"), 0, settlement);
             AdminHttpServer admin = new AdminHttpServer(0, node.publisher(), settlement))
        {
            final DemoTraffic traffic = new DemoTraffic(data, tokenizer, 5);
            for (int i = 0; i < 500; i++)
            {
                traffic.publishNext(node.publisher());
            }
            assertTrue(node.awaitOutput(node.journal().lastSequence(), 10, TimeUnit.SECONDS));
            final Run settle = run("settle", "--admin", "http://127.0.0.1:" + admin.port(), "--operator", "ops-test");
            assertEquals(0, settle.exitCode, settle.err);
            assertTrue(settle.out.startsWith("window 1 closed at sequence "), settle.out);
            assertTrue(settle.out.contains("currency 818 (posted to the ledger)"), settle.out);
            assertTrue(settle.out.lines().anyMatch(l -> l.trim().startsWith("1 ")), settle.out);
            assertTrue(settle.out.lines().anyMatch(l -> l.trim().startsWith("2 ")), settle.out);
            assertEquals(2, settlement.openWindowId());

            final Run again = run("settle", "--admin", "http://127.0.0.1:" + admin.port(), "--json");
            assertEquals(0, again.exitCode, again.err);
            assertTrue(again.out.startsWith("{\"closedWindow\":2,"), again.out);
        }
        assertEquals(2, run("settle", "--admin", "http://127.0.0.1:1").exitCode, "no node there");
    }

    /** Standard output and error into one stream, as on a terminal; returns what it showed. */
    private static synchronized String runOnOneTerminal(final String... args)
    {
        final PrintStream originalOut = System.out;
        final PrintStream originalErr = System.err;
        final ByteArrayOutputStream screen = new ByteArrayOutputStream();
        final PrintStream both = new PrintStream(screen, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try
        {
            assertEquals(0, new CommandLine(new Tahweel()).execute(args));
            both.flush();
            return screen.toString(StandardCharsets.UTF_8);
        }
        finally
        {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private record Run(int exitCode, String out, String err)
    {
    }

    private static synchronized Run run(final String... args)
    {
        final PrintStream originalOut = System.out;
        final PrintStream originalErr = System.err;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try
        {
            final CommandLine commandLine = new CommandLine(new Tahweel());
            final int exitCode = commandLine.execute(args);
            System.out.flush();
            return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}

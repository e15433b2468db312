package io.tahweel.tools;

import io.tahweel.tools.demo.DemoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code tahweel} subcommands as a user runs them: real node, real journal, real output. */
class CommandLineTest
{
    @Test
    void demoLeavesAJournalThatDumpsWithMaskedCardsAndVerifies(@TempDir final Path tmp) throws Exception
    {
        final Path dir = tmp.resolve("demo");
        final Run demo = run("demo", "--data-dir", dir.toString(), "--transactions", "3000", "--cards", "40",
            "--socket-seconds", "1", "--socket-rate", "300", "--no-ha");
        assertEquals(0, demo.exitCode, demo.out);
        assertTrue(demo.out.contains("iso 8583:         300 answered over TCP"), "the socket phase answered every request: " +
            demo.out);
        assertTrue(demo.out.contains("verify:           OK"), demo.out);
        assertFalse(demo.out.contains("high availability"), "--no-ha skips the HA phase (FailoverDemoTest runs it)");
        assertTrue(demo.out.contains("APPROVED"), demo.out);

        final Run dump = run("journal", "dump", "--data-dir", dir.toString());
        assertEquals(0, dump.exitCode);
        assertTrue(dump.out.contains("Authorize card=400000******"), "cards are shown masked");
        final DemoData data = new DemoData(40);
        for (int i = 0; i < data.cardCount(); i++)
        {
            assertFalse(dump.out.contains(data.pan(i)), "a card number appears in clear in the dump");
            assertFalse(demo.out.contains(data.pan(i)), "a card number appears in clear in the demo output");
        }
        for (final String remote : data.remotePans())
        {
            assertFalse(dump.out.contains(remote), "a remote issuer's card number appears in clear in the dump");
        }

        final Run verify = run("journal", "verify", "--data-dir", dir.toString());
        assertEquals(0, verify.exitCode, verify.out);
        assertTrue(verify.out.contains("ledger invariants: hold"), verify.out);

        final Run again = run("demo", "--data-dir", dir.toString(), "--transactions", "100", "--cards", "5",
            "--socket-seconds", "0", "--no-ha");
        assertEquals(0, again.exitCode, "a demo directory is wiped and reused: " + again.out);
    }

    @Test
    void demoRefusesADirectoryItDidNotMake(@TempDir final Path tmp) throws Exception
    {
        Files.writeString(tmp.resolve("precious.txt"), "keep me");
        assertEquals(2, run("demo", "--data-dir", tmp.toString(), "--transactions", "10", "--no-ha").exitCode);
        assertTrue(Files.exists(tmp.resolve("precious.txt")));
    }

    @Test
    void verifyFailsOnAMissingJournal(@TempDir final Path tmp)
    {
        assertTrue(run("journal", "verify", "--data-dir", tmp.toString()).exitCode != 0);
    }

    @Test
    void everySubcommandHasHelp()
    {
        for (final String[] args : new String[][]{
            {"--help"}, {"node", "--help"}, {"demo", "--help"}, {"load", "--help"}, {"journal", "--help"}, {"journal", "dump", "--help"},
            {"journal", "verify", "--help"}, {"replay", "--help"}, {"settle", "--help"},
            {"status", "--help"}, {"promote", "--help"}, {"demote", "--help"}, {"mode", "--help"}})
        {
            final Run help = run(args);
            assertEquals(0, help.exitCode, String.join(" ", args));
            assertTrue(help.out.contains("Usage:"), String.join(" ", args) + ": " + help.out);
        }
    }

    private record Run(int exitCode, String out)
    {
    }

    private static Run run(final String... args)
    {
        final PrintStream original = System.out;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        try
        {
            final CommandLine commandLine = new CommandLine(new Tahweel());
            commandLine.setOut(new java.io.PrintWriter(capture, true));
            final int exitCode = commandLine.execute(args);
            capture.flush();
            return new Run(exitCode, bytes.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setOut(original);
        }
    }
}

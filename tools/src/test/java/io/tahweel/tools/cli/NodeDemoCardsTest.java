package io.tahweel.tools.cli;

import io.tahweel.gateways.admin.EncodedCommand;
import io.tahweel.tools.Tahweel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tahweel node --demo-cards N}: the demo's bootstrap instead of a file, refused together with --config.
 * A node started this way serving ISO 8583 traffic for demo cards, as primary and standby in two JVMs, is
 * {@code FailoverDemoTest}.
 */
class NodeDemoCardsTest
{
    @TempDir
    Path dir;

    @Test
    void demoCardsBootstrapIsTheDemosData() throws Exception
    {
        final NodeCommand command = new NodeCommand();
        new CommandLine(command).parseArgs("--demo-cards", "7");
        final List<EncodedCommand> genesis = command.genesis(dir);
        final long cards = genesis.stream().filter(c -> c.description().startsWith("card")).count();
        assertEquals(7, cards, "one card command per demo card: " + genesis.size() + " commands");
        assertEquals(NodeLauncher.parseDemoBootstrap(NodeLauncher.tokenizer(dir), 7).size(), genesis.size());
        assertTrue(Files.exists(dir.resolve("keys").resolve("tokenization.key")), "the node's own key is used");

        final NodeCommand packaged = new NodeCommand();
        new CommandLine(packaged).parseArgs();
        assertEquals(2, packaged.genesis(dir).stream().filter(c -> c.description().startsWith("card")).count(),
            "without --demo-cards (or --config) the packaged examples/bootstrap.conf, with its two cards");
    }

    @Test
    void demoCardsAndConfigAreExclusiveAndChecked() throws Exception
    {
        final Path config = Files.writeString(dir.resolve("bootstrap.conf"), "currency code=818 minor-units=2\n");
        final Run both = run("node", "--data-dir", dir.resolve("n").toString(), "--config", config.toString(),
            "--demo-cards", "5");
        assertEquals(2, both.exitCode, both.err);
        assertTrue(both.err.contains("--config and --demo-cards"), both.err);
        assertFalse(Files.exists(dir.resolve("n")), "nothing is started or written");

        final Run none = run("node", "--data-dir", dir.resolve("m").toString(), "--demo-cards", "0",
            "--iso8583-port", "-1", "--admin-port", "0");
        assertEquals(2, none.exitCode, none.err);
        assertTrue(none.err.contains("demo cards must be 1.."), none.err);
    }

    private record Run(int exitCode, String err)
    {
    }

    private static synchronized Run run(final String... args)
    {
        final PrintStream originalErr = System.err;
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try
        {
            final int exitCode = new CommandLine(new Tahweel()).execute(args);
            return new Run(exitCode, err.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setErr(originalErr);
        }
    }
}

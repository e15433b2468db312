package io.tahweel.tools.cli;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.node.GenesisRejectedException;
import io.tahweel.engine.node.NodeContext;
import io.tahweel.engine.node.SwitchNode;
import io.tahweel.engine.pipeline.OutcomeListener;
import io.tahweel.engine.pipeline.PipelineContext;
import io.tahweel.gateways.admin.BootstrapException;
import io.tahweel.gateways.admin.BootstrapParser;
import io.tahweel.gateways.admin.EncodedCommand;
import io.tahweel.gateways.card.PanTokenizer;
import io.tahweel.tools.demo.DemoData;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a node on a data directory the way every subcommand does: load (or create) the
 * tokenization key, parse the bootstrap, start the node, and turn a refused genesis into a
 * message naming the bootstrap line.
 */
public final class NodeLauncher
{
    /** The bootstrap used when none is given: examples/bootstrap.conf, packaged with the tools. */
    public static final String DEFAULT_BOOTSTRAP = "/io/tahweel/tools/examples/bootstrap.conf";

    private NodeLauncher()
    {
    }

    public static PanTokenizer tokenizer(final Path dataDirectory) throws IOException
    {
        final Path keyFile = dataDirectory.resolve("keys").resolve("tokenization.key");
        Files.createDirectories(keyFile.getParent());
        return PanTokenizer.loadOrGenerate(keyFile);
    }

    /** Parses a bootstrap file, or the packaged default when {@code file} is null. */
    public static List<EncodedCommand> parseBootstrap(final PanTokenizer tokenizer, final Path file)
        throws IOException, BootstrapException
    {
        if (file != null)
        {
            return new BootstrapParser(tokenizer, "bootstrap:" + file.getFileName()).parse(file);
        }
        try (Reader reader = new InputStreamReader(
            NodeLauncher.class.getResourceAsStream(DEFAULT_BOOTSTRAP), StandardCharsets.UTF_8))
        {
            return new BootstrapParser(tokenizer, "bootstrap:default").parse("bootstrap.conf (default)", reader);
        }
    }

    /**
     * The demo's bootstrap ({@link DemoData}) with {@code cards} hosted cards: what {@code tahweel demo} runs on,
     * and what {@code tahweel node --demo-cards} and {@code tahweel load} agree on.
     */
    public static List<EncodedCommand> parseDemoBootstrap(final PanTokenizer tokenizer, final int cards)
        throws IOException, BootstrapException
    {
        if (cards < 1 || cards > DemoData.MAX_CARDS)
        {
            throw new IllegalArgumentException("demo cards must be 1.." + DemoData.MAX_CARDS + ", was " + cards);
        }
        return new BootstrapParser(tokenizer, "demo").parse("demo-bootstrap", new StringReader(
            new DemoData(cards).bootstrap()));
    }

    public static SwitchNode start(
        final Path dataDirectory, final List<EncodedCommand> genesis, final CoreContext coreContext,
        final PipelineContext pipelineContext, final long tickIntervalMs, final OutcomeListener listener)
    {
        final List<byte[]> entries = new ArrayList<>(genesis.size());
        for (final EncodedCommand command : genesis)
        {
            entries.add(command.bytes());
        }
        final NodeContext context = new NodeContext()
            .dataDirectory(dataDirectory)
            .coreContext(coreContext)
            .pipelineContext(pipelineContext)
            .tickIntervalMs(tickIntervalMs)
            .clock(new SystemEpochNanoClock())
            .outcomeListener(listener);
        try
        {
            return SwitchNode.start(context, entries);
        }
        catch (final GenesisRejectedException ex)
        {
            final EncodedCommand command = genesis.get(ex.commandIndex());
            throw new IllegalArgumentException("bootstrap line " + command.line() + " (" + command.description() +
                ") rejected by the core: " + ex.result() + "; nothing was written", ex);
        }
    }
}

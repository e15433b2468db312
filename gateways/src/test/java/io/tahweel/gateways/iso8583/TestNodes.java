package io.tahweel.gateways.iso8583;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.node.NodeContext;
import io.tahweel.gateways.admin.BootstrapParser;
import io.tahweel.gateways.admin.EncodedCommand;
import io.tahweel.gateways.card.PanTokenizer;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the gateway system tests' switches have in common: small capacities, genesis from bootstrap text. */
public final class TestNodes
{
    private TestNodes()
    {
    }

    /** A node context with test-sized stores; {@code tickIntervalMs} 0 leaves time to the test. */
    public static NodeContext nodeContext(final Path dataDir, final long tickIntervalMs)
    {
        return new NodeContext()
            .dataDirectory(dataDir)
            .clock(new SystemEpochNanoClock())
            .tickIntervalMs(tickIntervalMs)
            .coreContext(new CoreContext().transferCapacity(4096).authorizationCapacity(4096).cardCapacity(1024)
                .accountCapacity(1024));
    }

    /** The encoded commands of a bootstrap text, parsed as an operator's file would be. */
    public static List<byte[]> genesis(final PanTokenizer tokenizer, final String bootstrap)
    {
        try
        {
            final List<EncodedCommand> commands =
                new BootstrapParser(tokenizer, "test").parse("test-bootstrap", new StringReader(bootstrap));
            final List<byte[]> genesis = new ArrayList<>();
            for (final EncodedCommand command : commands)
            {
                genesis.add(command.bytes());
            }
            return genesis;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}

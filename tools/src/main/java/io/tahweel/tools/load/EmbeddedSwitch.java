package io.tahweel.tools.load;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.node.SwitchNode;
import io.tahweel.engine.pipeline.PipelineContext;
import io.tahweel.gateways.admin.BootstrapParser;
import io.tahweel.gateways.card.PanTokenizer;
import io.tahweel.gateways.iso8583.Iso8583Gateway;
import io.tahweel.gateways.iso8583.Iso8583GatewayConfig;
import io.tahweel.gateways.iso8583.ListenerConfig;
import io.tahweel.tools.cli.NodeLauncher;
import io.tahweel.tools.demo.DemoData;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A whole switch in this process for self-contained load runs: a node on a temporary data
 * directory with the demo's hosted cards, and the ISO 8583 gateway on a loopback port.
 */
final class EmbeddedSwitch implements AutoCloseable
{
    private final Path dataDirectory;
    private final SwitchNode node;
    private final Iso8583Gateway gateway;
    private final DemoData data;

    EmbeddedSwitch(final int cards, final String waitStrategy) throws Exception
    {
        dataDirectory = Files.createTempDirectory("tahweel-load-");
        final PanTokenizer tokenizer = NodeLauncher.tokenizer(dataDirectory);
        data = new DemoData(cards);
        gateway = new Iso8583Gateway(new Iso8583GatewayConfig()
            .listener(new ListenerConfig("acquirers", 0).bindAddress("127.0.0.1")), tokenizer);
        node = NodeLauncher.start(dataDirectory,
            new BootstrapParser(tokenizer, "load").parse("load-bootstrap", new StringReader(data.bootstrap())),
            new CoreContext(), new PipelineContext().name("load").waitStrategy(waitStrategy).snapshotInterval(0),
            100, gateway.outcomeRouter());
        gateway.start(node.publisher());
    }

    int port()
    {
        return gateway.port("acquirers");
    }

    String[] activeFundedPans()
    {
        return data.activeFundedPans();
    }

    @Override
    public void close() throws IOException
    {
        gateway.close();
        node.close();
        try (Stream<Path> walk = Files.walk(dataDirectory))
        {
            for (final Path path : (Iterable<Path>)walk.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(path);
            }
        }
    }
}

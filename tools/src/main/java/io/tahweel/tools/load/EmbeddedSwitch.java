package io.tahweel.tools.load;

import io.tahweel.engine.pipeline.PipelineContext;
import io.tahweel.gateways.admin.BootstrapParser;
import io.tahweel.gateways.iso8583.issuer.IssuerLinkConfig;
import io.tahweel.tools.cli.NodeLauncher;
import io.tahweel.tools.cli.SwitchStack;
import io.tahweel.tools.demo.DemoData;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A whole switch in this process for self-contained runs: the demo's hosted cards, the ISO 8583
 * gateway on a loopback port, and optionally a simulated remote issuer (an {@link EchoHost}
 * that signs on and approves) behind an issuer link, for cards routed to participant 3.
 */
public final class EmbeddedSwitch implements AutoCloseable
{
    private static final long SIGN_ON_TIMEOUT_MS = 10_000;

    private final Path dataDirectory;
    private final SwitchStack stack;
    private final EchoHost remoteIssuer;
    private final DemoData data;

    public EmbeddedSwitch(final int cards, final String waitStrategy, final boolean withRemoteIssuer) throws Exception
    {
        this(Files.createTempDirectory("tahweel-load-"), cards, waitStrategy, withRemoteIssuer);
    }

    EmbeddedSwitch(final int cards, final String waitStrategy) throws Exception
    {
        this(cards, waitStrategy, false);
    }

    private EmbeddedSwitch(final Path dataDirectory, final int cards, final String waitStrategy,
        final boolean withRemoteIssuer) throws Exception
    {
        this.dataDirectory = dataDirectory;
        data = new DemoData(cards);
        remoteIssuer = withRemoteIssuer ? new EchoHost() : null;
        final SwitchStack.Options options = new SwitchStack.Options()
            .dataDirectory(dataDirectory)
            .genesis(new BootstrapParser(NodeLauncher.tokenizer(dataDirectory), "load")
                .parse("load-bootstrap", new StringReader(data.bootstrap())))
            .pipelineContext(new PipelineContext().name("load").waitStrategy(waitStrategy).snapshotInterval(0))
            .iso8583("127.0.0.1", 0);
        if (remoteIssuer != null)
        {
            options.issuerLink(new IssuerLinkConfig(DemoData.REMOTE_BANK, "127.0.0.1", remoteIssuer.port()));
        }
        stack = SwitchStack.start(options);
        if (remoteIssuer != null)
        {
            awaitSignOn();
        }
    }

    private void awaitSignOn()
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SIGN_ON_TIMEOUT_MS);
        while (!stack.isIssuerSignedOn(DemoData.REMOTE_BANK))
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the simulated remote issuer did not sign on");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    public int port()
    {
        return stack.iso8583Port();
    }

    public SwitchStack stack()
    {
        return stack;
    }

    /** Approving cards: the hosted ones, or those of the remote issuer when it is simulated. */
    public String[] pans()
    {
        return remoteIssuer != null ? data.remotePans() : data.activeFundedPans();
    }

    @Override
    public void close() throws IOException
    {
        stack.close();
        if (remoteIssuer != null)
        {
            remoteIssuer.close();
        }
        try (Stream<Path> walk = Files.walk(dataDirectory))
        {
            for (final Path path : (Iterable<Path>)walk.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(path);
            }
        }
    }
}

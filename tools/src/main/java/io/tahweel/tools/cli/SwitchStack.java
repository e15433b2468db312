package io.tahweel.tools.cli;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.node.SwitchNode;
import io.tahweel.engine.pipeline.OutcomeListener;
import io.tahweel.engine.pipeline.PipelineContext;
import io.tahweel.gateways.admin.AdminHttpServer;
import io.tahweel.gateways.admin.EncodedCommand;
import io.tahweel.gateways.iso8583.AcquirerLatency;
import io.tahweel.gateways.iso8583.Iso8583Gateway;
import io.tahweel.gateways.iso8583.issuer.IssuerLinkConfig;
import io.tahweel.gateways.iso8583.issuer.IssuerLinks;
import io.tahweel.gateways.iso8583.issuer.IssuerLinksConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A running switch as the command line starts it, wired in one place:
 * <pre>
 *  ISO 8583 acquirer listener ─┐                       ┌─► live settlement view (tahweel settle)
 *  issuer links (answers) ─────┼─► node (ring, journal, ├─► ISO 8583 router: answers, forwards, advices
 *  admin HTTP (cut-offs) ──────┘    core)  outcomes ───┘    └─► fallback: in-process listener (demo)
 * </pre>
 * Start order: keys, live view, gateway, node (genesis on an empty journal), then the listeners
 * that publish into the node; close runs it backwards so nothing publishes into a closed ring.
 */
public final class SwitchStack implements AutoCloseable
{
    /** How to start the stack. Ports: -1 disables, 0 picks a free port. */
    public static final class Options
    {
        Path dataDirectory;
        List<EncodedCommand> genesis = List.of();
        CoreContext coreContext = new CoreContext();
        PipelineContext pipelineContext = new PipelineContext();
        long tickIntervalMs = 100;
        int iso8583Port = -1;
        String iso8583Bind = "127.0.0.1";
        int adminPort = -1;
        String institutionId = IssuerLinksConfig.DEFAULT_INSTITUTION_ID;
        final List<IssuerLinkConfig> issuerLinks = new ArrayList<>();
        OutcomeListener inProcessListener = OutcomeListener.NO_OP;

        public Options dataDirectory(final Path value)
        {
            dataDirectory = value;
            return this;
        }

        public Options genesis(final List<EncodedCommand> value)
        {
            genesis = value;
            return this;
        }

        public Options coreContext(final CoreContext value)
        {
            coreContext = value;
            return this;
        }

        public Options pipelineContext(final PipelineContext value)
        {
            pipelineContext = value;
            return this;
        }

        public Options tickIntervalMs(final long value)
        {
            tickIntervalMs = value;
            return this;
        }

        public Options iso8583(final String bind, final int port)
        {
            iso8583Bind = bind;
            iso8583Port = port;
            return this;
        }

        public Options adminPort(final int value)
        {
            adminPort = value;
            return this;
        }

        public Options institutionId(final String value)
        {
            institutionId = value;
            return this;
        }

        public Options issuerLink(final IssuerLinkConfig link)
        {
            issuerLinks.add(link);
            return this;
        }

        /** Gets the outcomes of in-process producers (the demo), which no gateway answers. */
        public Options inProcessListener(final OutcomeListener value)
        {
            inProcessListener = value;
            return this;
        }
    }

    private final SwitchNode node;
    private final LiveSettlement settlement;
    private final Iso8583Gateway gateway;
    private final IssuerLinks issuerLinks;
    private final AdminHttpServer admin;

    private SwitchStack(final SwitchNode node, final LiveSettlement settlement, final Iso8583Gateway gateway,
        final IssuerLinks issuerLinks, final AdminHttpServer admin)
    {
        this.node = node;
        this.settlement = settlement;
        this.gateway = gateway;
        this.issuerLinks = issuerLinks;
        this.admin = admin;
    }

    public static SwitchStack start(final Options options) throws IOException
    {
        final Path dir = options.dataDirectory;
        final CardGateways cards = new CardGateways(options);
        final Iso8583Gateway gateway = cards.gateway;
        final IssuerLinks issuerLinks = cards.issuerLinks;
        final LiveSettlement settlement = new LiveSettlement(dir, cards.downstream);
        final SwitchNode node = NodeLauncher.start(dir, options.genesis, options.coreContext, options.pipelineContext,
            options.tickIntervalMs, settlement);
        AdminHttpServer admin = null;
        try
        {
            if (gateway != null)
            {
                gateway.start(node.publisher());
            }
            if (issuerLinks != null)
            {
                issuerLinks.start(node.publisher(), node.journal());
            }
            if (options.adminPort >= 0)
            {
                admin = new AdminHttpServer(options.adminPort, node.publisher(), settlement)
                    .latency(gateway == null ? null : gateway.latency());
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            new SwitchStack(node, settlement, gateway, issuerLinks, admin).close();
            throw ex;
        }
        return new SwitchStack(node, settlement, gateway, issuerLinks, admin);
    }

    public SwitchNode node()
    {
        return node;
    }

    public LiveSettlement settlement()
    {
        return settlement;
    }

    /** The ISO 8583 acquirer port, or -1 when the gateway is off. */
    public int iso8583Port()
    {
        return gateway == null ? -1 : gateway.port("acquirers");
    }

    /** How long answers take inside the switch (frame read to answer written), or null without a gateway. */
    public AcquirerLatency iso8583Latency()
    {
        return gateway == null ? null : gateway.latency();
    }

    /** The admin interface port, or -1 when it is off. */
    public int adminPort()
    {
        return admin == null ? -1 : admin.port();
    }

    public boolean isIssuerSignedOn(final int issuerId)
    {
        return issuerLinks != null && issuerLinks.isSignedOn(issuerId);
    }

    @Override
    public void close()
    {
        if (admin != null)
        {
            admin.close();
        }
        if (issuerLinks != null)
        {
            issuerLinks.close();
        }
        if (gateway != null)
        {
            gateway.stop();
        }
        node.close();
        if (gateway != null)
        {
            gateway.close();
        }
    }
}

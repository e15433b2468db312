package io.tahweel.gateways.iso8583.issuer;

import io.tahweel.engine.node.NodeContext;
import io.tahweel.engine.node.SwitchNode;
import io.tahweel.gateways.card.Luhn;
import io.tahweel.gateways.card.PanCipher;
import io.tahweel.gateways.card.PanTokenizer;
import io.tahweel.gateways.iso8583.Iso8583Gateway;
import io.tahweel.gateways.iso8583.Iso8583GatewayConfig;
import io.tahweel.gateways.iso8583.ListenerConfig;
import io.tahweel.gateways.iso8583.TestNodes;
import io.tahweel.sbe.ConfigureStandInEncoder;
import io.tahweel.sbe.MessageHeaderEncoder;
import io.tahweel.sbe.Source;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real node (journal in a temp dir, pipeline, core, 20 ms timer ticks) with the acquirer
 * gateway and the issuer links wired as in production, remote issuer 3 behind a {@link FakeIssuer}.
 */
final class IssuerTestSwitch implements AutoCloseable
{
    static final byte[] KEY = "tahweel-test-key".getBytes(StandardCharsets.US_ASCII);
    static final int REMOTE_ISSUER = 3;
    static final String INSTITUTION = "999001";
    static final String REMOTE = withLuhn("456712340000001");
    static final long STAND_IN_TIMEOUT_MS = 300;
    static final long STAND_IN_MAX = 100_00;
    static final long ECHO_MS = 500;

    static final String BOOTSTRAP = String.join("\n",
        "currency code=818 minor-units=2",
        "participant id=1 name=NILE_BANK roles=issuer,acquirer issuing=hosted hold-timeout=7d status=active",
        "participant id=2 name=DELTA_PAY roles=acquirer",
        "participant id=3 name=REMOTE_BANK roles=issuer issuing=remote hold-timeout=30m",
        "account id=9001 participant=1 currency=818 kind=settlement",
        "account id=9002 participant=2 currency=818 kind=settlement",
        "account id=9003 participant=3 currency=818 kind=settlement",
        "account id=9999 participant=1 currency=818 kind=operator",
        "route prefix=400000 issuer=1",
        "route prefix=45671234 issuer=3",
        "window id=1",
        "");

    final Path dataDir;
    final SwitchNode node;
    final Iso8583Gateway gateway;
    final IssuerLinks issuers;
    final JournaledEvents events;

    private IssuerTestSwitch(final Path dataDir, final SwitchNode node, final Iso8583Gateway gateway,
        final IssuerLinks issuers, final JournaledEvents events)
    {
        this.events = events;
        this.dataDir = dataDir;
        this.node = node;
        this.gateway = gateway;
        this.issuers = issuers;
    }

    static IssuerTestSwitch start(final Path dataDir, final int issuerPort) throws IOException
    {
        final PanTokenizer tokenizer = new PanTokenizer(KEY);
        final PanCipher panCipher = PanCipher.loadOrGenerate(PanCipher.keyFile(dataDir));
        final Iso8583Gateway gateway = new Iso8583Gateway(
            new Iso8583GatewayConfig().listener(new ListenerConfig("acquirers", 0)), tokenizer, panCipher);
        final IssuerLinksConfig links = new IssuerLinksConfig().institutionId(INSTITUTION)
            .link(new IssuerLinkConfig(REMOTE_ISSUER, "127.0.0.1", issuerPort)
                .echoIntervalMs(ECHO_MS).reconnectBackoffMs(20, 200).connectTimeoutMs(1_000));
        final IssuerLinks issuers = new IssuerLinks(links, panCipher, gateway.outcomeRouter());
        final JournaledEvents events = new JournaledEvents();
        gateway.outcomeRouter().fallback(events);
        final SwitchNode node = SwitchNode.start(nodeContext(dataDir).outcomeListener(gateway.outcomeRouter()),
            genesis(tokenizer));
        gateway.start(node.publisher());
        issuers.start(node.publisher(), node.journal());
        return new IssuerTestSwitch(dataDir, node, gateway, issuers, events);
    }

    int acquirerPort()
    {
        return gateway.port("acquirers");
    }

    static NodeContext nodeContext(final Path dataDir)
    {
        return TestNodes.nodeContext(dataDir, 20);
    }

    static List<byte[]> genesis(final PanTokenizer tokenizer)
    {
        final List<byte[]> genesis = new ArrayList<>(TestNodes.genesis(tokenizer, BOOTSTRAP));
        genesis.add(standIn());
        return genesis;
    }

    /** Stand-in for issuer 3: 300 ms time-out, purchases up to 100.00, 150.00 a card a day. */
    private static byte[] standIn()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        final ConfigureStandInEncoder e =
            new ConfigureStandInEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        e.header().source(Source.ADMIN);
        e.issuerId(REMOTE_ISSUER).responseTimeoutMillis(STAND_IN_TIMEOUT_MS).enabled((short)1)
            .maxAmount(STAND_IN_MAX).dailyLimitPerCard(150_00).transactionTypes(1L).operatorId("test");
        final byte[] bytes = new byte[MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength()];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    /**
     * What the issuer links journaled, seen on the output thread as their outcomes pass the
     * router's fallback (the journal's readers belong to the node's threads, not the test's).
     */
    static final class JournaledEvents implements io.tahweel.engine.pipeline.OutcomeListener
    {
        final java.util.List<Long> acknowledged = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.List<Integer> linkStatuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final io.tahweel.sbe.MessageHeaderDecoder header = new io.tahweel.sbe.MessageHeaderDecoder();
        private final io.tahweel.sbe.StoreAndForwardAcknowledgedDecoder ack =
            new io.tahweel.sbe.StoreAndForwardAcknowledgedDecoder();
        private final io.tahweel.sbe.IssuerLinkStatusDecoder status = new io.tahweel.sbe.IssuerLinkStatusDecoder();

        @Override
        public void onOutcome(final io.tahweel.engine.pipeline.CommandSlot slot)
        {
            if (slot.rejection() != io.tahweel.engine.pipeline.CommandSlot.ACCEPTED)
            {
                return;
            }
            header.wrap(slot.buffer(), 0);
            if (header.templateId() == io.tahweel.sbe.StoreAndForwardAcknowledgedDecoder.TEMPLATE_ID)
            {
                ack.wrapAndApplyHeader(slot.buffer(), 0, header);
                acknowledged.add(ack.authorizationId());
            }
            else if (header.templateId() == io.tahweel.sbe.IssuerLinkStatusDecoder.TEMPLATE_ID)
            {
                status.wrapAndApplyHeader(slot.buffer(), 0, header);
                linkStatuses.add((int)status.up());
            }
        }
    }

    static String withLuhn(final String payload)
    {
        return payload + Luhn.checkDigit(payload);
    }

    @Override
    public void close()
    {
        issuers.stop();
        gateway.stop();
        node.close();
    }
}

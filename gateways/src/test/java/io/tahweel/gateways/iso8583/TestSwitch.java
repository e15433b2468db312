package io.tahweel.gateways.iso8583;

import io.tahweel.engine.node.NodeContext;
import io.tahweel.engine.node.SwitchNode;
import io.tahweel.gateways.card.Luhn;
import io.tahweel.gateways.card.PanTokenizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real node (Chronicle journal in a temp dir, the Disruptor pipeline, the core) with the
 * ISO 8583 gateway in front of it: what the system tests drive with jPOS's own channels.
 */
final class TestSwitch implements AutoCloseable
{
    static final byte[] KEY = "tahweel-test-key".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static final String CARD = "4000001234567899";          // funded, per-transaction 500000
    static final String CARD2 = "4000009876543219";
    static final String LOW = withLuhn("400000111111111");   // balance 1000
    static final String LOW2 = withLuhn("400000222222222");  // balance 10000
    static final String BLOCKED = withLuhn("400000333333333");
    static final String LOST = withLuhn("400000444444444");
    static final String STOLEN = withLuhn("400000555555555");
    static final String CLOSED = withLuhn("400000666666666");
    static final String ONE_A_DAY = withLuhn("400000777777777");
    static final String UNKNOWN_ON_US = withLuhn("400000999999999");
    static final String REMOTE = withLuhn("456712340000001");
    static final String NO_ROUTE = withLuhn("510000000000001");
    static final int LOW_ACCOUNT = 1003;
    static final int LOW2_ACCOUNT = 1004;

    static final String BOOTSTRAP = String.join("\n",
        "currency code=818 minor-units=2",
        "participant id=1 name=NILE_BANK roles=issuer,acquirer issuing=hosted hold-timeout=7d status=active",
        "participant id=2 name=DELTA_PAY roles=acquirer",
        "participant id=3 name=REMOTE_BANK roles=issuer issuing=remote hold-timeout=30m",
        "account id=1001 participant=1 currency=818 kind=customer constraint=debits-within-credits credit-limit=0",
        "account id=1002 participant=1 currency=818 kind=customer constraint=debits-within-credits credit-limit=100000",
        "account id=1003 participant=1 currency=818 kind=customer constraint=debits-within-credits credit-limit=0",
        "account id=1004 participant=1 currency=818 kind=customer constraint=debits-within-credits credit-limit=0",
        "account id=9001 participant=1 currency=818 kind=settlement",
        "account id=9002 participant=2 currency=818 kind=settlement",
        "account id=9003 participant=3 currency=818 kind=settlement",
        "account id=9900 participant=1 currency=818 kind=fee",
        "account id=9999 participant=1 currency=818 kind=operator",
        "route prefix=400000 issuer=1",
        "route prefix=45671234 issuer=3",
        "card pan=" + CARD + " account=1001 issuer=1 expiry=2812 status=active per-transaction=500000 daily-count=50 daily-amount=5000000",
        "card pan=" + CARD2 + " account=1002 issuer=1 expiry=2706 per-transaction=100000 daily-count=5 daily-amount=300000",
        "card pan=" + LOW + " account=1003 issuer=1 expiry=2812 per-transaction=500000 daily-count=50 daily-amount=5000000",
        "card pan=" + LOW2 + " account=1004 issuer=1 expiry=2812 per-transaction=500000 daily-count=50 daily-amount=5000000",
        "card pan=" + BLOCKED + " account=1001 issuer=1 expiry=2812 status=blocked per-transaction=500000 daily-count=50 daily-amount=5000000",
        "card pan=" + LOST + " account=1001 issuer=1 expiry=2812 status=lost per-transaction=500000 daily-count=50 daily-amount=5000000",
        "card pan=" + STOLEN + " account=1001 issuer=1 expiry=2812 status=stolen per-transaction=500000 daily-count=50 daily-amount=5000000",
        "card pan=" + CLOSED + " account=1001 issuer=1 expiry=2812 status=closed per-transaction=500000 daily-count=50 daily-amount=5000000",
        "card pan=" + ONE_A_DAY + " account=1001 issuer=1 expiry=2812 per-transaction=500000 daily-count=1 daily-amount=5000000",
        "transfer id=1 debit=9999 credit=1001 amount=10000000 currency=818",
        "transfer id=2 debit=9999 credit=1002 amount=500000 currency=818",
        "transfer id=3 debit=9999 credit=1003 amount=1000 currency=818",
        "transfer id=4 debit=9999 credit=1004 amount=10000 currency=818",
        "window id=1",
        "");

    static final String[] ALL_PANS = { CARD, CARD2, LOW, LOW2, BLOCKED, LOST, STOLEN, CLOSED, ONE_A_DAY, UNKNOWN_ON_US,
        REMOTE, NO_ROUTE };

    final Path dataDir;
    final SwitchNode node;
    final Iso8583Gateway gateway;

    private TestSwitch(final Path dataDir, final SwitchNode node, final Iso8583Gateway gateway)
    {
        this.dataDir = dataDir;
        this.node = node;
        this.gateway = gateway;
    }

    static TestSwitch start(final Path dataDir, final ListenerConfig... listeners)
    {
        final Iso8583GatewayConfig config = new Iso8583GatewayConfig();
        for (final ListenerConfig listener : listeners)
        {
            config.listener(listener);
        }
        final PanTokenizer tokenizer = new PanTokenizer(KEY);
        final Iso8583Gateway gateway = new Iso8583Gateway(config, tokenizer);
        final SwitchNode node = SwitchNode.start(nodeContext(dataDir).outcomeListener(gateway.outcomeRouter()),
            genesis(tokenizer));
        try
        {
            gateway.start(node.publisher());
        }
        catch (final RuntimeException ex)
        {
            node.close();
            throw ex;
        }
        return new TestSwitch(dataDir, node, gateway);
    }

    int port(final String listener)
    {
        return gateway.port(listener);
    }

    static NodeContext nodeContext(final Path dataDir)
    {
        return TestNodes.nodeContext(dataDir, 0);
    }

    static List<byte[]> genesis(final PanTokenizer tokenizer)
    {
        return TestNodes.genesis(tokenizer, BOOTSTRAP);
    }

    static String withLuhn(final String payload)
    {
        return payload + Luhn.checkDigit(payload);
    }

    @Override
    public void close()
    {
        gateway.stop();
        node.close();
    }
}

package io.tahweel.tools.cli;

import io.tahweel.engine.pipeline.OutcomeListener;
import io.tahweel.gateways.card.PanCipher;
import io.tahweel.gateways.iso8583.Iso8583Gateway;
import io.tahweel.gateways.iso8583.Iso8583GatewayConfig;
import io.tahweel.gateways.iso8583.ListenerConfig;
import io.tahweel.gateways.iso8583.issuer.IssuerLinks;
import io.tahweel.gateways.iso8583.issuer.IssuerLinksConfig;

import java.io.IOException;

/**
 * The ISO 8583 acquirer gateway and issuer links a node's options ask for, built the same way
 * for a solo node ({@link SwitchStack}) and a replicated one ({@link ReplicatedStack}), with the
 * keys from the data directory. Either may be null when the options turn it off.
 */
final class CardGateways
{
    final Iso8583Gateway gateway;
    final IssuerLinks issuerLinks;
    /** What the node's outcomes go to after the live views: the gateway's router, or the in-process listener. */
    final OutcomeListener downstream;

    CardGateways(final SwitchStack.Options options) throws IOException
    {
        final PanCipher panCipher = PanCipher.loadOrGenerate(PanCipher.keyFile(options.dataDirectory));
        gateway = options.iso8583Port >= 0 ? new Iso8583Gateway(new Iso8583GatewayConfig()
            .listener(new ListenerConfig("acquirers", options.iso8583Port).bindAddress(options.iso8583Bind)),
            NodeLauncher.tokenizer(options.dataDirectory), panCipher) : null;
        if (gateway != null && !options.issuerLinks.isEmpty())
        {
            final IssuerLinksConfig config = new IssuerLinksConfig().institutionId(options.institutionId);
            options.issuerLinks.forEach(config::link);
            issuerLinks = new IssuerLinks(config, panCipher, gateway.outcomeRouter());
        }
        else
        {
            issuerLinks = null;
        }
        if (gateway != null)
        {
            gateway.outcomeRouter().fallback(options.inProcessListener);
            downstream = gateway.outcomeRouter();
        }
        else
        {
            downstream = options.inProcessListener;
        }
    }
}

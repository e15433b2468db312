package io.tahweel.tools.load;

import io.tahweel.gateways.iso8583.AcquirerLatency;
import io.tahweel.tools.demo.DemoData;

/** Where a load run goes: a running switch, a switch started here, or the echo baseline. */
public final class LoadTargets
{
    /** A target to connect to, closed after the run. */
    public interface Target extends AutoCloseable
    {
        String host();

        int port();

        String description();

        /** Card numbers to send: the embedded switch's approving cards, or the demo's for others. */
        String[] pans(DemoData data);

        /** The switch's own latency record when it runs in this process, else null. */
        default AcquirerLatency insideLatency()
        {
            return null;
        }

        @Override
        void close() throws Exception;
    }

    private LoadTargets()
    {
    }

    public static Target open(final String hostPort, final boolean baseline, final int cards, final String waitStrategy,
        final boolean viaIssuer) throws Exception
    {
        if (baseline)
        {
            final EchoHost echo = new EchoHost();
            return target("127.0.0.1", echo.port(), "echo host (baseline)", echo);
        }
        if (hostPort != null)
        {
            final int colon = hostPort.lastIndexOf(':');
            if (colon < 1)
            {
                throw new IllegalArgumentException("--target must be HOST:PORT, was " + hostPort);
            }
            return target(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)),
                "switch at " + hostPort, () -> {});
        }
        final EmbeddedSwitch embedded = new EmbeddedSwitch(cards, waitStrategy, viaIssuer);
        final String description = "embedded switch (" + (viaIssuer ? "cards of a simulated remote issuer" :
            cards + " hosted cards") + ", " + waitStrategy + ")";
        return new Target()
        {
            @Override
            public String host()
            {
                return "127.0.0.1";
            }

            @Override
            public int port()
            {
                return embedded.port();
            }

            @Override
            public String description()
            {
                return description;
            }

            @Override
            public String[] pans(final DemoData data)
            {
                return embedded.pans();
            }

            @Override
            public AcquirerLatency insideLatency()
            {
                return embedded.stack().iso8583Latency();
            }

            @Override
            public void close() throws Exception
            {
                embedded.close();
            }
        };
    }

    private static Target target(final String host, final int port, final String description,
        final AutoCloseable resource)
    {
        return new Target()
        {
            @Override
            public String host()
            {
                return host;
            }

            @Override
            public int port()
            {
                return port;
            }

            @Override
            public String description()
            {
                return description;
            }

            @Override
            public String[] pans(final DemoData data)
            {
                return data.activeFundedPans();
            }

            @Override
            public void close() throws Exception
            {
                resource.close();
            }
        };
    }
}

package io.tahweel.tools.demo.ha;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;

/**
 * Free ports on loopback, found by binding port 0 and letting go. Another process could take one before the
 * node binds it; on a demo machine that is rare, and the node then fails to start with a clear error.
 */
final class LoopbackPorts
{
    private LoopbackPorts()
    {
    }

    static int tcp()
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("no free TCP port on loopback", ex);
        }
    }

    /** An Aeron UDP unicast channel on a free loopback port. */
    static String udpChannel()
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return "aeron:udp?endpoint=localhost:" + socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("no free UDP port on loopback", ex);
        }
    }
}

package io.tahweel.gateways.iso8583;

import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every named limit at its edge, over real sockets: connections, in-flight requests, frame size. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AcquirerLimitsSystemTest
{
    private static final int CONNECTIONS = 2;
    private TestSwitch sw;

    @BeforeAll
    void start(@TempDir final Path dataDir)
    {
        sw = TestSwitch.start(dataDir,
            new ListenerConfig("two", 0).bindAddress("127.0.0.1").maxConnections(CONNECTIONS),
            new ListenerConfig("one-in-flight", 0).bindAddress("127.0.0.1").maxInFlightPerConnection(1));
    }

    @AfterAll
    void stop()
    {
        sw.close();
    }

    @Test
    void aListenerTakesItsMaximumOfConnectionsAndClosesTheNext() throws Exception
    {
        try (JposAcquirer first = JposAcquirer.post(sw.port("two"));
             JposAcquirer second = JposAcquirer.post(sw.port("two")))
        {
            assertEquals("00", first.signOn().getString(39));
            assertEquals("00", second.signOn().getString(39));
            try (JposAcquirer third = JposAcquirer.post(sw.port("two")))
            {
                assertThrows(IOException.class, third::signOn, "closed at once: over the limit");
            }
        }
        awaitConnections(0);
        try (JposAcquirer again = JposAcquirer.post(sw.port("two")))
        {
            assertEquals("00", again.signOn().getString(39), "a closed connection frees its place");
        }
    }

    @Test
    void overTheInFlightLimitARequestIsAnswered91WithoutReachingTheCore() throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", sw.port("one-in-flight")))
        {
            socket.setSoTimeout(10_000);
            final OutputStream out = socket.getOutputStream();
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            out.write(frame(JposAcquirer.network("001")));
            assertEquals("00", read(in).getString(39));

            // two requests in one write: both are read before the first answer can come back
            final ISOMsg a = JposAcquirer.authorization("0100", TestSwitch.CARD, 100);
            final ISOMsg b = JposAcquirer.authorization("0100", TestSwitch.CARD, 100);
            final byte[] fa = frame(a);
            final byte[] fb = frame(b);
            final byte[] both = new byte[fa.length + fb.length];
            System.arraycopy(fa, 0, both, 0, fa.length);
            System.arraycopy(fb, 0, both, fa.length, fb.length);
            out.write(both);
            final Map<String, String> byStan = new HashMap<>();
            for (int i = 0; i < 2; i++)
            {
                final ISOMsg answer = read(in);
                byStan.put(answer.getString(11), answer.getString(39));
            }
            assertEquals("00", byStan.get(a.getString(11)));
            assertEquals("91", byStan.get(b.getString(11)));

            // b never reached the core: sent again, it is new to it and approved (not 94)
            out.write(fb);
            assertEquals("00", read(in).getString(39));
        }
    }

    @Test
    void aFrameAtTheSizeLimitIsReadAndOneByteMoreIsSkippedWithTheConnectionAlive() throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", sw.port("two")))
        {
            socket.setSoTimeout(10_000);
            final OutputStream out = socket.getOutputStream();
            final DataInputStream in = new DataInputStream(socket.getInputStream());

            out.write(frame(echoOfLength(Iso8583Limits.MAX_FRAME_LENGTH)));
            assertEquals("0810", read(in).getMTI(), "a frame of exactly the limit is taken");

            final byte[] oversized = new byte[2 + Iso8583Limits.MAX_FRAME_LENGTH + 1];
            oversized[0] = (byte)((Iso8583Limits.MAX_FRAME_LENGTH + 1) >>> 8);
            oversized[1] = (byte)(Iso8583Limits.MAX_FRAME_LENGTH + 1);
            out.write(oversized);
            final ISOMsg echo = JposAcquirer.network("301");
            out.write(frame(echo));
            final ISOMsg answer = read(in);
            assertEquals(echo.getString(11), answer.getString(11), "skipped unread, the next frame is answered");
        }
    }

    private void awaitConnections(final int expected) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (sw.gateway.connectionCount() != expected && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
    }

    /** A valid 0800 echo whose packed form is exactly {@code length} bytes (filler in private fields). */
    private static ISOMsg echoOfLength(final int length) throws Exception
    {
        final ISOMsg msg = JposAcquirer.network("301");
        int remaining = length - pack(msg).length;
        for (int field = 46; remaining > 0; field++)
        {
            if (field > 48 && field < 55)
            {
                field = 55;
            }
            final int chars = Math.min(999, remaining - 2);
            msg.set(field, "F".repeat(chars));
            remaining -= 2 + chars;
        }
        assertEquals(length, pack(msg).length);
        return msg;
    }

    private static byte[] pack(final ISOMsg msg) throws Exception
    {
        msg.setPackager(new ISO87BPackager());
        return msg.pack();
    }

    private static byte[] frame(final ISOMsg msg) throws Exception
    {
        final byte[] body = pack(msg);
        final byte[] frame = new byte[2 + body.length];
        frame[0] = (byte)(body.length >>> 8);
        frame[1] = (byte)body.length;
        System.arraycopy(body, 0, frame, 2, body.length);
        return frame;
    }

    private static ISOMsg read(final DataInputStream in) throws Exception
    {
        final int length = in.readUnsignedShort();
        final byte[] body = new byte[length];
        in.readFully(body);
        final ISOMsg msg = new ISOMsg();
        new ISO87BPackager().unpack(msg, body);
        return msg;
    }
}

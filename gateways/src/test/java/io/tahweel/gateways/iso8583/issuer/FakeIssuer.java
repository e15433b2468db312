package io.tahweel.gateways.iso8583.issuer;

import org.jpos.core.ConfigurationException;
import org.jpos.core.SimpleConfiguration;
import org.jpos.iso.BaseChannel;
import org.jpos.iso.ISOChannel;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISORequestListener;
import org.jpos.iso.ISOServer;
import org.jpos.iso.ISOSource;
import org.jpos.iso.channel.PostChannel;
import org.jpos.iso.packager.ISO87BPackager;
import org.jpos.util.ThreadPool;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A remote issuer's host as jPOS users write one: jPOS's own ISOServer with PostChannel and
 * ISO87BPackager, and a request listener each test scripts.
 */
final class FakeIssuer implements ISORequestListener, AutoCloseable
{
    enum Mode
    { APPROVE, DECLINE_51, SILENT, LATE_APPROVE, WRONG_STAN }

    static final String APPROVAL_CODE = "AB1234";

    volatile Mode mode = Mode.APPROVE;
    volatile boolean acknowledgeAdvices = true;
    volatile boolean answerEchoes = true;
    volatile long lateMs = 800;

    final int port;
    private final ISOServer server;
    private final List<ISOMsg> received = new CopyOnWriteArrayList<>();

    @SuppressWarnings("deprecation") // jPOS 2.1's ISOServer takes only its own ThreadPool
    private FakeIssuer(final int port) throws IOException, ConfigurationException
    {
        this.port = port;
        server = new ISOServer(port, new PostChannel(new ISO87BPackager()), new ThreadPool(1, 16));
        server.setConfiguration(new SimpleConfiguration()); // jPOS reads it at shutdown: closes the sessions too
        server.addISORequestListener(this);
        final Thread thread = new Thread(server, "fake-issuer-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    static FakeIssuer start(final int port) throws IOException, ConfigurationException
    {
        return new FakeIssuer(port);
    }

    @Override
    public boolean process(final ISOSource source, final ISOMsg m)
    {
        try
        {
            received.add((ISOMsg)m.clone());
            final String mti = m.getMTI();
            switch (mti)
            {
                case "0800" ->
                {
                    if (answerEchoes || !"301".equals(m.getString(70)))
                    {
                        source.send(response(m, "00"));
                    }
                }
                case "0100", "0200" -> authorization(source, m);
                case "0120", "0121", "0220", "0221", "0420", "0421" ->
                {
                    if (acknowledgeAdvices)
                    {
                        source.send(response(m, "00"));
                    }
                }
                default ->
                {
                }
            }
        }
        catch (final IOException | ISOException ex)
        {
            // the link went away: the switch's problem to notice
        }
        return true;
    }

    private void authorization(final ISOSource source, final ISOMsg m) throws IOException, ISOException
    {
        switch (mode)
        {
            case APPROVE -> source.send(approved(m));
            case DECLINE_51 -> source.send(response(m, "51"));
            case LATE_APPROVE ->
            {
                final ISOMsg answer = approved(m);
                final Thread late = new Thread(() ->
                {
                    try
                    {
                        TimeUnit.MILLISECONDS.sleep(lateMs);
                        source.send(answer);
                    }
                    catch (final Exception ignore)
                    {
                        // link gone
                    }
                });
                late.setDaemon(true);
                late.start();
            }
            case WRONG_STAN ->
            {
                final ISOMsg answer = approved(m);
                answer.set(11, m.getString(11).equals("000001") ? "000002" : "000001");
                source.send(answer);
            }
            case SILENT ->
            {
            }
        }
    }

    private static ISOMsg approved(final ISOMsg m) throws ISOException
    {
        final ISOMsg answer = response(m, "00");
        answer.set(38, APPROVAL_CODE);
        return answer;
    }

    private static ISOMsg response(final ISOMsg request, final String code) throws ISOException
    {
        final ISOMsg answer = (ISOMsg)request.clone();
        answer.setResponseMTI();
        answer.unset(2);
        answer.unset(14);
        answer.unset(35);
        answer.unset(52);
        answer.set(39, code);
        return answer;
    }

    /** Every message received so far. */
    List<ISOMsg> received()
    {
        return new ArrayList<>(received);
    }

    /** Waits for a received message matching {@code match}; null on time-out. */
    ISOMsg await(final Predicate<ISOMsg> match, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline)
        {
            for (final ISOMsg msg : received)
            {
                if (match.test(msg))
                {
                    return msg;
                }
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return null;
    }

    static Predicate<ISOMsg> mti(final String mti)
    {
        return m -> mti.equals(m.getString(0));
    }

    /** Closes the issuer's end of the switch's connection (the server keeps listening). */
    void dropConnection() throws IOException
    {
        final ISOChannel channel = server.getLastConnectedISOChannel();
        if (channel instanceof BaseChannel)
        {
            ((BaseChannel)channel).disconnect();
        }
    }

    @Override
    public void close()
    {
        server.shutdown();
    }
}

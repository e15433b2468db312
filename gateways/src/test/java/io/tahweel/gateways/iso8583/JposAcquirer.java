package io.tahweel.gateways.iso8583;

import org.jpos.iso.BaseChannel;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.channel.ASCIIChannel;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.channel.PostChannel;
import org.jpos.iso.packager.ISO87APackager;
import org.jpos.iso.packager.ISO87BPackager;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** An acquirer host as jPOS users write one: jPOS's own channel and packager, unchanged. */
final class JposAcquirer implements AutoCloseable
{
    static final int TIMEOUT_MS = 10_000;
    static final String TRANSMISSION = "0612101530";
    private static final AtomicInteger STAN = new AtomicInteger(1);

    final BaseChannel channel;

    private JposAcquirer(final BaseChannel channel) throws IOException
    {
        this.channel = channel;
        channel.setTimeout(TIMEOUT_MS);
        channel.connect();
    }

    static JposAcquirer post(final int port) throws IOException
    {
        return new JposAcquirer(new PostChannel("127.0.0.1", port, new ISO87BPackager()));
    }

    static JposAcquirer ascii(final int port) throws IOException
    {
        return new JposAcquirer(new ASCIIChannel("127.0.0.1", port, new ISO87APackager()));
    }

    static JposAcquirer nac(final int port, final byte[] tpdu) throws IOException
    {
        return new JposAcquirer(new NACChannel("127.0.0.1", port, new ISO87BPackager(), tpdu));
    }

    ISOPackager packager()
    {
        return channel.getPackager();
    }

    ISOMsg request(final ISOMsg msg) throws IOException, ISOException
    {
        channel.send(msg);
        return channel.receive();
    }

    /** Sends raw bytes as one frame with a 2-byte length (BaseChannel.send(byte[]) writes no length). */
    void sendFrame(final byte[] payload) throws IOException, ISOException
    {
        final byte[] frame = new byte[payload.length + 2];
        frame[0] = (byte)(payload.length >>> 8);
        frame[1] = (byte)payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        channel.send(frame);
    }

    ISOMsg signOn() throws IOException, ISOException
    {
        return request(network("001"));
    }

    static int nextStan()
    {
        return STAN.getAndIncrement();
    }

    static String stan(final int stan)
    {
        return String.format("%06d", stan);
    }

    static String rrn(final int stan)
    {
        return String.format("RRN%09d", stan);
    }

    static ISOMsg network(final String code) throws ISOException
    {
        final ISOMsg msg = new ISOMsg("0800");
        msg.set(7, TRANSMISSION);
        msg.set(11, stan(nextStan()));
        msg.set(70, code);
        return msg;
    }

    /** A complete 0100/0200 from acquirer 2 with a fresh STAN and RRN. */
    static ISOMsg authorization(final String mti, final String pan, final long amount) throws ISOException
    {
        final int stan = nextStan();
        final ISOMsg msg = new ISOMsg(mti);
        msg.set(2, pan);
        msg.set(3, "000000");
        msg.set(4, String.format("%012d", amount));
        msg.set(7, TRANSMISSION);
        msg.set(11, stan(stan));
        msg.set(12, "101530");
        msg.set(13, "0612");
        msg.set(18, "5411");
        msg.set(22, "051");
        msg.set(25, "00");
        msg.set(32, "2");
        msg.set(37, rrn(stan));
        msg.set(41, "TERM0001");
        msg.set(42, "MERCHANT0000001");
        msg.set(49, "818");
        msg.set(52, new byte[]{ 1, 2, 3, 4, 5, 6, 7, 8 });
        return msg;
    }

    /** A completion (0220) or reversal (04x0) of {@code original}, with a fresh STAN and field 90. */
    static ISOMsg follow(final String mti, final ISOMsg original, final long amount) throws ISOException
    {
        final int stan = nextStan();
        final ISOMsg msg = new ISOMsg(mti);
        msg.set(2, original.getString(2));
        msg.set(3, original.getString(3));
        msg.set(4, String.format("%012d", amount));
        msg.set(7, TRANSMISSION);
        msg.set(11, stan(stan));
        msg.set(32, original.getString(32));
        msg.set(37, original.getString(37));
        msg.set(41, original.getString(41));
        msg.set(42, original.getString(42));
        msg.set(49, original.getString(49));
        msg.set(90, original.getMTI() + original.getString(11) + original.getString(7) + "00000000002" + "00000000000");
        return msg;
    }

    /** The same message marked as a repeat (0100 → 0101). */
    static ISOMsg repeat(final ISOMsg msg) throws ISOException
    {
        final ISOMsg copy = (ISOMsg)msg.clone();
        copy.setMTI(msg.getMTI().substring(0, 3) + "1");
        return copy;
    }

    @Override
    public void close() throws IOException
    {
        channel.disconnect();
    }
}

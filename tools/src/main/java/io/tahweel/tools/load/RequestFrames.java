package io.tahweel.tools.load;

import io.tahweel.gateways.iso8583.FieldEncoding;
import io.tahweel.gateways.iso8583.Iso8583Packagers;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

/**
 * Every request of a run, packed before the run starts: the sender then only writes bytes, so
 * the client's own cost does not distort the latency it measures. Frames carry a 2-byte
 * big-endian length (jPOS PostChannel framing) and ISO 8583:1987 with a binary bitmap.
 * <p>
 * Request {@code i} has STAN {@code i % 999,999 + 1} and a unique RRN, so the idempotency key
 * (acquirer, STAN, field 7, RRN) never repeats; responses are matched back by STAN.
 */
final class RequestFrames
{
    /** STANs are six digits: at most this many requests per run. */
    static final int MAX_REQUESTS = 999_999;

    private final byte[] bytes;
    private final int[] offsets;
    private final int count;

    private RequestFrames(final byte[] bytes, final int[] offsets, final int count)
    {
        this.bytes = bytes;
        this.offsets = offsets;
        this.count = count;
    }

    /**
     * @param mti        "0100" (authorization, leaves a hold) or "0200" (financial, steady state)
     * @param rrnBase    added to each request's RRN so separate runs never share keys
     */
    static RequestFrames build(final int count, final String[] pans, final int acquirerId, final String mti,
        final long rrnBase, final String dateTime)
    {
        if (count > MAX_REQUESTS)
        {
            throw new IllegalArgumentException("at most " + MAX_REQUESTS + " requests per run (six-digit STAN): " + count);
        }
        final ISOPackager packager = Iso8583Packagers.packager(FieldEncoding.BINARY);
        final int[] offsets = new int[count + 1];
        byte[] bytes = new byte[Math.max(1024, count * 128)];
        int position = 0;
        try
        {
            for (int i = 0; i < count; i++)
            {
                final ISOMsg msg = new ISOMsg(mti);
                msg.setPackager(packager);
                msg.set(2, pans[i % pans.length]);
                msg.set(3, "000000");
                msg.set(4, "000000000100");
                msg.set(7, dateTime);
                msg.set(11, stan(i));
                msg.set(12, "120000");
                msg.set(13, "1125");
                msg.set(18, "5411");
                msg.set(22, "051");
                msg.set(25, "00");
                msg.set(32, Integer.toString(acquirerId));
                msg.set(37, rrn(rrnBase, i));
                msg.set(41, "LOADGEN1");
                msg.set(42, "LOADGENMERCHANT");
                msg.set(49, "818");
                final byte[] packed = msg.pack();
                if (position + packed.length + 2 > bytes.length)
                {
                    bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2);
                }
                offsets[i] = position;
                bytes[position] = (byte)(packed.length >>> 8);
                bytes[position + 1] = (byte)packed.length;
                System.arraycopy(packed, 0, bytes, position + 2, packed.length);
                position += packed.length + 2;
            }
        }
        catch (final ISOException ex)
        {
            throw new IllegalStateException("cannot pack a load request: " + ex.getMessage(), ex);
        }
        offsets[count] = position;
        return new RequestFrames(bytes, offsets, count);
    }

    static String stan(final int index)
    {
        return String.format("%06d", index % MAX_REQUESTS + 1);
    }

    /** Field 37 of request {@code index}: twelve digits, {@code rrnBase + index}. */
    static String rrn(final long rrnBase, final int index)
    {
        return String.format("%012d", rrnBase + index);
    }

    /** Index of the request a response's STAN answers (requests per run never wrap). */
    static int indexOf(final int stan)
    {
        return stan - 1;
    }

    int count()
    {
        return count;
    }

    byte[] bytes()
    {
        return bytes;
    }

    int offset(final int index)
    {
        return offsets[index];
    }

    int length(final int index)
    {
        return offsets[index + 1] - offsets[index];
    }
}

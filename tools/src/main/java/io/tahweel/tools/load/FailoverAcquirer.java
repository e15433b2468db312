package io.tahweel.tools.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * An acquirer host with two switch addresses, behaving as a jPOS client with a secondary host does: it sends
 * 0200s over one signed-on connection; when that connection drops it reconnects to the other address (retrying
 * until it accepts), signs on, retransmits every request that got no answer as a repeat (0201 with the same
 * STAN, field 7 and RRN, so the switch can recognise it), and carries on with the rest.
 * <p>
 * Every answer is kept by request index with the address that gave it, for an audit against the journal.
 * Requests go out in small bursts at a fixed rate; the sender parks between bursts.
 */
public final class FailoverAcquirer implements AutoCloseable
{
    /** One answer: which address gave it (0 the first, 1 the second), fields 39 and 38 (null when absent). */
    public record Answer(int address, String responseCode, String approvalCode)
    {
    }

    /** How a reconnection went: attempts until one was accepted and signed on, and how long that took. */
    public record Reconnection(int attempts, long elapsedNanos)
    {
    }

    /** Requests written together, then a park until the next burst is due. */
    private static final int BURST = 10;
    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final String HOST = "127.0.0.1";

    private final RequestFrames originals;
    private final RequestFrames repeats;
    private final long rrnBase;
    private final AtomicReferenceArray<Answer> answers;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger duplicateAnswers = new AtomicInteger();
    private final List<Integer> retransmitted = new ArrayList<>();
    private LoadConnections connection;
    private int sent;

    /**
     * @param pans       cards to cycle through (never printed).
     * @param acquirerId field 32.
     * @param requests   how many 0200s in all; at most {@link RequestFrames#MAX_REQUESTS}.
     * @param rrnBase    request {@code i} has RRN {@code rrnBase + i} and STAN {@code i + 1}.
     */
    public FailoverAcquirer(final String[] pans, final int acquirerId, final int requests, final long rrnBase)
    {
        final String dateTime = "1125120000";
        this.originals = RequestFrames.build(requests, pans, acquirerId, "0200", rrnBase, dateTime);
        this.repeats = RequestFrames.build(requests, pans, acquirerId, "0201", rrnBase, dateTime);
        this.rrnBase = rrnBase;
        this.answers = new AtomicReferenceArray<>(requests);
    }

    /**
     * Connects to {@code port} on loopback and signs on, retrying every 20 ms until it is accepted.
     *
     * @param address which of the acquirer's addresses this is (recorded with each answer on it).
     * @throws IllegalStateException when no attempt succeeded within {@code timeoutMs}.
     */
    public Reconnection connect(final int port, final int address, final long timeoutMs) throws InterruptedException
    {
        closeConnection();
        final long started = System.nanoTime();
        final long deadline = started + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        int attempts = 0;
        while (true)
        {
            attempts++;
            try
            {
                probe(port);
                connection = new LoadConnections(HOST, port, 1);
                break;
            }
            catch (final IOException | IllegalStateException ex)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw new IllegalStateException("no switch accepted and signed on at " + HOST + ":" + port + " in " +
                        timeoutMs + " ms (" + attempts + " attempts): " + ex.getMessage(), ex);
                }
                LockSupport.parkNanos(RETRY_PAUSE_NANOS);
            }
        }
        connection.listener((response, receivedNanos) ->
            onAnswer(address, response.stan(), response.responseCode(), response.approvalCode()));
        return new Reconnection(attempts, System.nanoTime() - started);
    }

    /** A plain TCP connect first: cheaper than setting up (and tearing down) a client for a port still closed. */
    private static void probe(final int port) throws IOException
    {
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress(HOST, port), (int)TimeUnit.SECONDS.toMillis(1));
        }
    }

    private void onAnswer(final int address, final int stan, final String code, final String approval)
    {
        final int index = RequestFrames.indexOf(stan);
        if (index < 0 || index >= answers.length())
        {
            duplicateAnswers.incrementAndGet(); // nothing this acquirer sent: counted as unexpected
            return;
        }
        if (answers.compareAndSet(index, null, new Answer(address, code, approval)))
        {
            answered.incrementAndGet();
        }
        else
        {
            duplicateAnswers.incrementAndGet();
        }
    }

    /**
     * Sends the next requests up to (not including) {@code upTo} at {@code rate} per second; stops early when the
     * connection is lost.
     *
     * @return how many were sent by this call.
     */
    public int send(final int upTo, final int rate)
    {
        final int first = sent;
        final long started = System.nanoTime();
        final double nanosPerRequest = 1e9 / rate;
        while (sent < upTo && connection.isConnected())
        {
            final long due = started + (long)((sent - first) * nanosPerRequest);
            final long wait = due - System.nanoTime();
            if (wait > 0)
            {
                LockSupport.parkNanos(wait);
            }
            final int end = Math.min(upTo, sent + BURST);
            for (; sent < end; sent++)
            {
                connection.send(0, originals.bytes(), originals.offset(sent), originals.length(sent));
            }
        }
        return sent - first;
    }

    /** Waits until the switch's side of the connection is gone (a killed process: its socket is reset). */
    public boolean awaitDisconnected(final long timeoutMs)
    {
        return await(() -> !connection.isConnected(), timeoutMs);
    }

    /** Retransmits, as repeats, every request sent so far that has no answer; returns their indexes. */
    public List<Integer> retransmitUnanswered()
    {
        final List<Integer> now = new ArrayList<>();
        for (int i = 0; i < sent; i++)
        {
            if (answers.get(i) == null)
            {
                connection.send(0, repeats.bytes(), repeats.offset(i), repeats.length(i));
                now.add(i);
            }
        }
        retransmitted.addAll(now);
        return now;
    }

    /** Waits until every request sent has an answer. */
    public boolean awaitAllAnswered(final long timeoutMs)
    {
        return await(() -> answered.get() >= sent, timeoutMs);
    }

    private static boolean await(final java.util.function.BooleanSupplier condition, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }

    public int requests()
    {
        return answers.length();
    }

    public int sent()
    {
        return sent;
    }

    public int answered()
    {
        return answered.get();
    }

    /** Answers to something not asked, or a second answer to the same request: should be none. */
    public int unexpectedAnswers()
    {
        return duplicateAnswers.get();
    }

    /** Request {@code index}'s answer, or null while it has none. */
    public Answer answer(final int index)
    {
        return answers.get(index);
    }

    public List<Integer> retransmitted()
    {
        return List.copyOf(retransmitted);
    }

    /** Field 37 of request {@code index}. */
    public String rrn(final int index)
    {
        return RequestFrames.rrn(rrnBase, index);
    }

    /** Field 11 of request {@code index}. */
    public static String stan(final int index)
    {
        return RequestFrames.stan(index);
    }

    private void closeConnection()
    {
        if (connection != null)
        {
            connection.close();
            connection = null;
        }
    }

    @Override
    public void close()
    {
        closeConnection();
    }
}

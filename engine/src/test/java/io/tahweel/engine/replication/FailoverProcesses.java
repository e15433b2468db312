package io.tahweel.engine.replication;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import io.tahweel.engine.testing.ChildJvm;

/**
 * What the separate-JVM failover tests share: launching a {@link FailoverNodeMain} child, reading what it prints,
 * UDP endpoints on loopback, and waiting with a deadline.
 */
final class FailoverProcesses
{
    static final long TIMEOUT_MS = 20_000;

    private FailoverProcesses()
    {
    }

    /**
     * Launches {@link FailoverNodeMain} in a new JVM with this JVM's module flags and class path; its stderr goes to
     * {@code <dataDir>.err} (appended, so a restarted child keeps the first one's).
     */
    static Process launch(final Path dataDir, final long seed, final String... args) throws IOException
    {
        final List<String> mainArgs = new ArrayList<>(List.of(dataDir.toString(), Long.toString(seed)));
        mainArgs.addAll(List.of(args));
        return new ProcessBuilder(ChildJvm.command(FailoverNodeMain.class, mainArgs.toArray(String[]::new)))
            .redirectError(ProcessBuilder.Redirect.appendTo(errorFile(dataDir).toFile()))
            .start();
    }

    static Path errorFile(final Path dataDir)
    {
        return dataDir.resolveSibling(dataDir.getFileName() + ".err");
    }

    /** A free UDP endpoint on loopback, as an Aeron channel. */
    static String udp() throws SocketException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return "aeron:udp?endpoint=localhost:" + socket.getLocalPort();
        }
    }

    static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Waits until {@code value} has not changed for {@code quietMs}. */
    static void awaitStable(final IntSupplier value, final long quietMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        int last = value.getAsInt();
        long changedNs = System.nanoTime();
        while (System.nanoTime() - changedNs < TimeUnit.MILLISECONDS.toNanos(quietMs))
        {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for the value to settle at " + last);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            final int now = value.getAsInt();
            if (now != last)
            {
                last = now;
                changedNs = System.nanoTime();
            }
        }
    }

    /**
     * What a child prints: released answers (stan -> sequence, result, authorization id), its role (the latest and
     * every one it has had), and as standby its applied sequence and matched checkpoints.
     */
    static final class ChildOutput
    {
        final Map<Long, long[]> released = new ConcurrentHashMap<>();
        final List<String> roles = new CopyOnWriteArrayList<>();
        final CountDownLatch ready = new CountDownLatch(1);
        final CountDownLatch eof = new CountDownLatch(1);
        volatile String role = "";
        volatile long applied = -1;
        volatile long matchedCheckpoints = -1;

        ChildOutput(final Process child)
        {
            final Thread reader = new Thread(() -> read(child), "child-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(final Process child)
        {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = out.readLine()) != null)
                {
                    final String[] f = line.split(" ");
                    if (line.equals("ready"))
                    {
                        ready.countDown();
                    }
                    else if (f[0].equals("answer") && f.length == 5)  // a line cut by the kill was never received
                    {
                        released.put(Long.parseLong(f[2]), new long[]{Long.parseLong(f[1]), Long.parseLong(f[3]),
                            Long.parseLong(f[4])});
                    }
                    else if (f[0].equals("role") && f.length == 5)
                    {
                        role = line.substring("role ".length());
                        roles.add(role);
                    }
                    else if (f[0].equals("applied") && f.length == 2)
                    {
                        applied = Long.parseLong(f[1]);
                    }
                    else if (f[0].equals("checkpoints") && f.length == 2)
                    {
                        matchedCheckpoints = Long.parseLong(f[1]);
                    }
                }
            }
            catch (final IOException | RuntimeException ignore)
            {
                // the pipe breaks when the child dies
            }
            finally
            {
                eof.countDown();
            }
        }
    }
}

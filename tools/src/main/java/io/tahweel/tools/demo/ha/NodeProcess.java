package io.tahweel.tools.demo.ha;

import io.tahweel.tools.Tahweel;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code tahweel node ...} in a child JVM: the java binary, JVM flags (Agrona, Chronicle) and classpath of
 * this JVM, its stdout and stderr to a log file. A separate process so that killing it is a real process
 * death (SIGKILL: no shutdown hook, no close of journal or sockets), as a crashed data centre would be.
 */
final class NodeProcess implements AutoCloseable
{
    private static final long STOP_TIMEOUT_SECONDS = 20;

    private final String name;
    private final Path log;
    private final Process process;

    private NodeProcess(final String name, final Path log, final Process process)
    {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code tahweel node} with {@code nodeArguments}; output goes to {@code log}. */
    static NodeProcess start(final String name, final Path log, final List<String> nodeArguments) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
            Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("-Dchronicle") ||
                argument.startsWith("--enable-native-access") || argument.startsWith("--sun-misc"))
            {
                command.add(argument);
            }
        }
        command.add("-Xmx1g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Tahweel.class.getName());
        command.add("node");
        command.addAll(nodeArguments);
        Files.createDirectories(log.getParent());
        final Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        return new NodeProcess(name, log, process);
    }

    long pid()
    {
        return process.pid();
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    /** kill -9: no shutdown hook runs, nothing is closed or flushed by the node. */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS))
        {
            throw new IllegalStateException(name + " (pid " + pid() + ") did not die of SIGKILL");
        }
    }

    /**
     * SIGTERM: the node's shutdown hook closes it (gateway, pipeline, journal).
     *
     * @return whether it exited within the timeout (if not, it is killed).
     */
    boolean stop() throws InterruptedException
    {
        process.destroy();
        if (process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS))
        {
            return true;
        }
        kill();
        return false;
    }

    Path log()
    {
        return log;
    }

    /** The last lines of the node's log, for an error message. */
    String logTail(final int lines)
    {
        try
        {
            final List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (final IOException ex)
        {
            return "(cannot read " + log + ": " + ex.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException
    {
        if (process.isAlive())
        {
            kill();
        }
    }
}

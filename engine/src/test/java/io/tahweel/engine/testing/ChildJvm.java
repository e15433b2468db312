package io.tahweel.engine.testing;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a child JVM for the process tests (kill -9, failover): this JVM's java, flags and class path. */
public final class ChildJvm
{
    private ChildJvm()
    {
    }

    /**
     * {@code java <this JVM's module and Chronicle flags> -Xmx256m -cp <this class path> <mainClass> <args>}: the
     * flags Agrona, Aeron and Chronicle need (CONVENTIONS.md), nothing else of the test JVM's.
     */
    public static List<String> command(final Class<?> mainClass, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
            Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle") || arg.startsWith("--enable-native-access") ||
                arg.startsWith("--sun-misc"))
            {
                command.add(arg);
            }
        }
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return command;
    }
}

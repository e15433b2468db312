package io.tahweel.bench.replication;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs for the bench mains, with defaults; an unknown name is an error. */
final class Options
{
    private Options()
    {
    }

    static Map<String, String> parse(final String[] args, final Map<String, String> defaults)
    {
        final Map<String, String> options = new HashMap<>(defaults);
        for (int i = 0; i < args.length; i += 2)
        {
            if (!defaults.containsKey(args[i]) || i + 1 == args.length)
            {
                throw new IllegalArgumentException("usage: " + defaults.keySet() + " VALUE ...; got " + Arrays.toString(args));
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    static int[] ints(final String commaSeparated)
    {
        return Arrays.stream(commaSeparated.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}

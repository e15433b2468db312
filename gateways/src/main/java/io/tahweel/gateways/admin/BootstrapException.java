package io.tahweel.gateways.admin;

import java.util.List;

/**
 * A bootstrap file was rejected; nothing from it may be applied. The message starts with
 * {@code file:line: reason} for the first problem and lists the others (up to
 * {@link BootstrapParser#MAX_REPORTED_PROBLEMS}) on the following lines, so an operator can fix
 * several at once. Card numbers in the message are masked.
 */
public final class BootstrapException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final List<String> problems;
    private final int line;

    BootstrapException(final List<String> problems, final int line, final boolean truncated)
    {
        super(message(problems, truncated));
        this.problems = List.copyOf(problems);
        this.line = line;
    }

    /** Every problem found, each as {@code file:line: reason}, in file order. */
    public List<String> problems()
    {
        return problems;
    }

    /** 1-based line of the first problem; 0 when the file could not be read as a whole. */
    public int line()
    {
        return line;
    }

    private static String message(final List<String> problems, final boolean truncated)
    {
        final StringBuilder message = new StringBuilder(problems.get(0));
        if (problems.size() > 1 || truncated)
        {
            message.append(" (").append(problems.size() - 1).append(" more")
                .append(truncated ? "; stopped reading at the limit" : "").append(')');
            for (int i = 1; i < problems.size(); i++)
            {
                message.append(System.lineSeparator()).append(problems.get(i));
            }
        }
        return message.toString();
    }
}

package io.tahweel.replay.view;

import java.util.List;

/** The views by the name the command line uses for them. */
public final class Views
{
    public static final List<String> NAMES = List.of("clearing", "settlement", "reporting", "audit");

    private Views()
    {
    }

    public static ViewBuilder create(final String name, final ReportFormat format, final Appendable out)
    {
        switch (name)
        {
            case "clearing":
                return new ClearingView(format, out);
            case "settlement":
                return new SettlementView(format, out);
            case "reporting":
                return new ReportingView(format, out);
            case "audit":
                return new AuditView(format, out);
            default:
                throw new IllegalArgumentException("unknown view '" + name + "' (one of " + String.join(", ", NAMES) + ")");
        }
    }
}

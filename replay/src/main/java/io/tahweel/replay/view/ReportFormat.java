package io.tahweel.replay.view;

/** How a view writes its report: CSV with a header row, or JSON. Both are written by hand. */
public enum ReportFormat
{
    CSV, JSON;

    public static ReportFormat parse(final String text)
    {
        for (final ReportFormat format : values())
        {
            if (format.name().equalsIgnoreCase(text))
            {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + text + "' (csv or json)");
    }
}

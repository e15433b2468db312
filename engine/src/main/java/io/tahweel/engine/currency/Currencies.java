package io.tahweel.engine.currency;

import io.tahweel.engine.state.SnapshotReader;
import io.tahweel.engine.state.SnapshotWriter;

/** ISO 4217 numeric currencies enabled on the switch, looked up by array index. */
public final class Currencies
{
    /** ISO 4217 numeric codes are three digits. */
    public static final int MAX_CODE = 999;
    /** No ISO 4217 currency has more than four minor-unit digits. */
    public static final int MAX_MINOR_UNITS = 4;
    private static final int SNAPSHOT_MARKER = 0x43555252; // "CURR"

    private final byte[] minorUnits = new byte[MAX_CODE + 1];
    private final boolean[] enabled = new boolean[MAX_CODE + 1];

    public static boolean isValidCode(final int code)
    {
        return code >= 1 && code <= MAX_CODE;
    }

    public boolean isEnabled(final int code)
    {
        return isValidCode(code) && enabled[code];
    }

    public int minorUnits(final int code)
    {
        return minorUnits[code];
    }

    /** Caller has validated the code and that it is not yet enabled. */
    public void enable(final int code, final int units)
    {
        enabled[code] = true;
        minorUnits[code] = (byte)units;
    }

    /** Most bytes {@link #writeSnapshot} writes: every code enabled (short code, byte minor units each). */
    public static long maxSnapshotLength()
    {
        return Integer.BYTES * 2 + (long)MAX_CODE * (Short.BYTES + Byte.BYTES);
    }

    public void writeSnapshot(final SnapshotWriter writer)
    {
        writer.putMarker(SNAPSHOT_MARKER);
        int count = 0;
        for (int code = 1; code <= MAX_CODE; code++)
        {
            count += enabled[code] ? 1 : 0;
        }
        writer.putInt(count);
        for (int code = 1; code <= MAX_CODE; code++)
        {
            if (enabled[code])
            {
                writer.putShort((short)code).putByte(minorUnits[code]);
            }
        }
    }

    public void readSnapshot(final SnapshotReader reader)
    {
        reader.expectMarker(SNAPSHOT_MARKER);
        final int count = reader.getInt();
        for (int i = 0; i < count; i++)
        {
            final int code = reader.getShort();
            enable(code, reader.getByte());
        }
    }
}

package io.tahweel.gateways.iso8583;

import org.jpos.iso.ISOException;
import org.jpos.iso.packager.GenericPackager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Loads the GenericPackager field definitions once per encoding. jPOS packagers hold no
 * per-message state, so one instance serves every connection and event loop.
 */
public final class Iso8583Packagers
{
    private static final Map<FieldEncoding, GenericPackager> PACKAGERS = new EnumMap<>(FieldEncoding.class);

    private Iso8583Packagers()
    {
    }

    /** The shared packager for an encoding, loaded from the class path on first use. */
    public static synchronized GenericPackager packager(final FieldEncoding encoding)
    {
        GenericPackager packager = PACKAGERS.get(encoding);
        if (packager == null)
        {
            packager = load(encoding.resource());
            PACKAGERS.put(encoding, packager);
        }
        return packager;
    }

    /** A fresh packager from a class-path resource (tests compare it with jPOS's own). */
    public static GenericPackager load(final String resource)
    {
        try (InputStream in = Iso8583Packagers.class.getResourceAsStream(resource))
        {
            if (in == null)
            {
                throw new IllegalStateException("missing class-path resource " + resource);
            }
            return new GenericPackager(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final ISOException ex)
        {
            throw new IllegalStateException("cannot load " + resource + ": " + ex.getMessage(), ex);
        }
    }
}

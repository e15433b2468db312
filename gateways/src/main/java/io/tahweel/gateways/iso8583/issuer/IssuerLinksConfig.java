package io.tahweel.gateways.iso8583.issuer;

import java.util.ArrayList;
import java.util.List;

/**
 * The switch's client links to remote issuers: the switch's own institution id (field 33 of
 * everything it sends, and field 32 when it acquires on its own behalf) and one
 * {@link IssuerLinkConfig} per issuer host. Gateway configuration, not journaled.
 * <pre>
 *   new IssuerLinksConfig().institutionId("999001")
 *       .link(new IssuerLinkConfig(3, "10.1.2.3", 8583).echoIntervalMs(30_000))
 * </pre>
 */
public final class IssuerLinksConfig
{
    /** LLNUM fields 32 and 33 hold at most 11 digits. */
    public static final int MAX_INSTITUTION_DIGITS = 11;
    public static final String DEFAULT_INSTITUTION_ID = "999999";

    private final List<IssuerLinkConfig> links = new ArrayList<>();
    private String institutionId = DEFAULT_INSTITUTION_ID;
    private int ioThreads = 1;

    /** The switch's institution id, 1..11 digits: field 33 (forwarding institution) on every message it sends. */
    public IssuerLinksConfig institutionId(final String institutionId)
    {
        this.institutionId = checkInstitutionId(institutionId);
        return this;
    }

    /** Adds a link; one per issuer. */
    public IssuerLinksConfig link(final IssuerLinkConfig link)
    {
        for (final IssuerLinkConfig existing : links)
        {
            if (existing.issuerId() == link.issuerId())
            {
                throw new IllegalArgumentException("two links for issuer " + link.issuerId());
            }
        }
        if (links.size() == IssuerLimits.MAX_LINKS)
        {
            throw new IllegalArgumentException("more than " + IssuerLimits.MAX_LINKS + " issuer links");
        }
        links.add(link);
        return this;
    }

    public IssuerLinksConfig ioThreads(final int ioThreads)
    {
        if (ioThreads < 1 || ioThreads > 16)
        {
            throw new IllegalArgumentException("ioThreads must be 1..16");
        }
        this.ioThreads = ioThreads;
        return this;
    }

    public String institutionId()
    {
        return institutionId;
    }

    public List<IssuerLinkConfig> links()
    {
        return List.copyOf(links);
    }

    public int ioThreads()
    {
        return ioThreads;
    }

    static String checkInstitutionId(final String id)
    {
        if (id == null || id.isEmpty() || id.length() > MAX_INSTITUTION_DIGITS)
        {
            throw new IllegalArgumentException("an institution id is 1.." + MAX_INSTITUTION_DIGITS + " digits");
        }
        for (int i = 0; i < id.length(); i++)
        {
            if (id.charAt(i) < '0' || id.charAt(i) > '9')
            {
                throw new IllegalArgumentException("an institution id is digits only");
            }
        }
        return id;
    }
}

package io.tahweel.gateways.iso8583;

/**
 * Which field definitions a listener speaks; each names a jPOS GenericPackager file under
 * {@code protocol-schemas/src/main/resources/iso8583/}.
 */
public enum FieldEncoding
{
    /** Binary bitmap, BCD numerics: equivalent to jPOS ISO87BPackager. The default. */
    BINARY("/iso8583/iso87binary.xml"),
    /** ASCII hex bitmap, ASCII numerics: equivalent to jPOS ISO87APackager. */
    ASCII("/iso8583/iso87ascii.xml");

    private final String resource;

    FieldEncoding(final String resource)
    {
        this.resource = resource;
    }

    /** Class-path resource of the GenericPackager XML. */
    public String resource()
    {
        return resource;
    }
}

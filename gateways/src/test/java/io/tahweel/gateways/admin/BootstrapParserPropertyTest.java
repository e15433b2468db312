package io.tahweel.gateways.admin;

import io.tahweel.gateways.card.PanTokenizer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever the input, the parser either returns commands or throws BootstrapException. */
class BootstrapParserPropertyTest
{
    private static final String PAN = "4000001234567899";

    private final BootstrapParser parser = new BootstrapParser(new PanTokenizer(new byte[16]), "bootstrap:property");

    @Property(tries = 2000)
    void garbageNeverThrowsAnythingElse(@ForAll("garbage") final String text) throws Exception
    {
        parseOrReject(text);
    }

    @Property(tries = 2000)
    void mutatedRecordsNeverThrowAnythingElseNorLeakThePan(@ForAll("mutatedRecords") final String text) throws Exception
    {
        final List<EncodedCommand> commands = parseOrReject(text);
        if (commands != null)
        {
            for (final EncodedCommand command : commands)
            {
                assertFalse(command.description().contains(PAN), command.description());
            }
        }
    }

    private List<EncodedCommand> parseOrReject(final String text) throws Exception
    {
        try
        {
            return parser.parse("p", new StringReader(text));
        }
        catch (final BootstrapException ex)
        {
            assertTrue(ex.getMessage().startsWith("p:"), ex.getMessage());
            assertFalse(ex.getMessage().contains(PAN), ex.getMessage());
            return null;
        }
    }

    @Provide
    Arbitrary<String> garbage()
    {
        return Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(200),
            Arbitraries.strings().withChars("abcdeiklmnoprstuwy0123456789=\"# ,-\t\r\n").ofMaxLength(200),
            Arbitraries.strings().all().ofMaxLength(1100));
    }

    @Provide
    Arbitrary<String> mutatedRecords()
    {
        final Arbitrary<String> record = Arbitraries.of(
            "currency code=818 minor-units=2",
            "participant id=1 name=NILE_BANK roles=issuer,acquirer issuing=hosted hold-timeout=7d status=active",
            "participant id=3 name=\"Remote Bank\" roles=issuer issuing=remote",
            "account id=1001 participant=1 currency=818 kind=customer constraint=debits-within-credits credit-limit=0",
            "route prefix=45671234 issuer=3",
            "card pan=" + PAN + " account=1001 issuer=1 expiry=2812 status=active per-transaction=500000 daily-count=20 daily-amount=2000000",
            "window id=1");
        final Arbitrary<String> mutated = record.flatMap(line -> Arbitraries.integers().between(0, line.length())
            .flatMap(cut -> Arbitraries.strings().withChars("=\" #,-09azé\t").ofMaxLength(3)
                .flatMap(insert -> Arbitraries.integers().between(0, 3)
                    .map(drop -> line.substring(0, cut) + insert + line.substring(Math.min(line.length(), cut + drop))))));
        return mutated.list().ofMaxSize(5).map(lines -> String.join("\n", lines));
    }
}

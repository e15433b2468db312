package io.tahweel.engine.compat;

import io.tahweel.engine.core.CoreContext;
import io.tahweel.engine.core.Outcome;
import io.tahweel.engine.core.SwitchCore;
import io.tahweel.engine.state.SnapshotWriter;
import io.tahweel.engine.testing.CoreDriver;
import io.tahweel.engine.testing.Scenario;
import io.tahweel.engine.testing.TestCommands;
import io.tahweel.sbe.CaptureMode;
import io.tahweel.sbe.CardStatus;
import io.tahweel.sbe.MessageHeaderDecoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.tahweel.engine.testing.Scenario.*;

/**
 * Writes the old-format journal fixture read by {@link SchemaV1JournalTest} (STYLE item 12): the
 * Scenario genesis plus 56 mixed card commands, stamped as the journaler would, in the portable
 * format described in {@code src/test/resources/journals/v1/README.md}.
 * <p>
 * Run it by hand with the build whose schema version the fixture is for, never from the test
 * suite. The v1 fixture was written by the last commit with schema version 1 (5f44029):
 * <pre>
 *   git archive 5f44029 | tar -x -C /tmp/v1 &amp;&amp; cp WriteV1Fixture.java into the same package there
 *   cd /tmp/v1 &amp;&amp; mvn -o -q -pl engine -am test-compile
 *   java -cp engine/target/test-classes:engine/target/classes:&lt;dependencies&gt; \
 *       io.tahweel.engine.compat.WriteV1Fixture engine/src/test/resources/journals/v1
 * </pre>
 * and the output directory copied into this module. It uses only test APIs that exist in every
 * version (Scenario, TestCommands, CoreDriver), so it keeps compiling here.
 */
public final class WriteV1Fixture
{
    static final String ENTRIES = "entries.bin";
    static final String EXPECTED = "expected.properties";
    static final String OUTCOMES = "outcomes.csv";
    static final String SNAPSHOT = "snapshot.bin";
    private static final long DATE_TIME = 1_125_120_000L;

    private WriteV1Fixture()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final Path dir = Files.createDirectories(Path.of(args[0]));
        final TestCommands commands = new TestCommands();
        final CoreDriver driver = new CoreDriver(new CoreContext());
        final ByteArrayOutputStream entries = new ByteArrayOutputStream();
        final StringBuilder outcomes = new StringBuilder("# sequence,type,result,authorizationId,amount,issuerId,repeat\n");
        final List<byte[]> all = new ArrayList<>(Scenario.genesis(commands));
        all.addAll(traffic(commands));
        for (final byte[] entry : all)
        {
            final Outcome outcome = driver.apply(entry);
            outcomes.append(outcome.sequence()).append(',').append(outcome.type()).append(',').append(outcome.result())
                .append(',').append(outcome.authorizationId()).append(',').append(outcome.amount()).append(',')
                .append(outcome.issuerId()).append(',').append(outcome.repeat() ? 1 : 0).append('\n');
            final byte[] stamped = driver.lastStamped(entry.length);
            entries.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(stamped.length).array());
            entries.write(stamped);
            if (entry == all.get(all.size() / 2))
            {
                driver.advanceSeconds(HOLD_TIMEOUT_SECONDS);
            }
            driver.advanceSeconds(7);
        }
        final SwitchCore core = driver.core();
        final SnapshotWriter snapshot = new SnapshotWriter(1 << 16);
        core.writeSnapshot(snapshot);
        final byte[] snapshotBytes = new byte[snapshot.position()];
        snapshot.buffer().getBytes(0, snapshotBytes);

        Files.write(dir.resolve(ENTRIES), entries.toByteArray());
        Files.writeString(dir.resolve(OUTCOMES), outcomes, StandardCharsets.US_ASCII);
        Files.write(dir.resolve(SNAPSHOT), snapshotBytes);
        Files.writeString(dir.resolve(EXPECTED), String.join("\n",
            "# Written by WriteV1Fixture; see README.md. Do not edit by hand.",
            "entryCount=" + all.size(),
            "lastSequence=" + core.lastSequence(),
            "schemaId=" + MessageHeaderDecoder.SCHEMA_ID,
            "schemaVersion=" + MessageHeaderDecoder.SCHEMA_VERSION,
            "snapshotVersion=" + SwitchCore.SNAPSHOT_VERSION,
            "stateHash=" + core.stateHash().hex(),
            "cardAccountDebitsPosted=" + core.ledger().debitsPosted(CARD_ACCOUNT),
            "cardAccountDebitsPending=" + core.ledger().debitsPending(CARD_ACCOUNT),
            "acquirerSettlementCreditsPosted=" + core.ledger().creditsPosted(ACQUIRER_SETTLEMENT),
            ""), StandardCharsets.US_ASCII);
        System.out.println("wrote " + all.size() + " entries to " + dir.toAbsolutePath() + ", state " + core.stateHash());
    }

    /** Card traffic touching every v1 card path: approvals, declines, repeats, completions, reversals, expiry. */
    private static List<byte[]> traffic(final TestCommands c)
    {
        final List<byte[]> out = new ArrayList<>();
        final Random random = new Random(1);
        for (int i = 1; i <= 14; i++)
        {
            final String pan = i % 5 == 0 ? SMALL_CARD : i % 7 == 0 ? UNKNOWN_CARD : CARD;
            final CaptureMode mode = i % 4 == 0 ? CaptureMode.SINGLE_MESSAGE : CaptureMode.DUAL_MESSAGE;
            out.add(c.authorize(ACQUIRER, i, DATE_TIME + i, rrn(i), pan, 1_00 + random.nextInt(9_000), EGP, EXPIRY, mode,
                false));
        }
        out.add(c.authorize(ACQUIRER, 1, DATE_TIME + 1, rrn(1), CARD, 1, EGP, EXPIRY, CaptureMode.DUAL_MESSAGE, true));
        out.add(c.authorize(ACQUIRER, 2, DATE_TIME + 2, rrn(2), CARD, 1, EGP, EXPIRY, CaptureMode.DUAL_MESSAGE, false));
        out.add(c.authorize(ACQUIRER, 90, DATE_TIME, rrn(90), CARD, PER_TRANSACTION + 1, EGP, EXPIRY,
            CaptureMode.DUAL_MESSAGE, false));
        out.add(c.authorize(ACQUIRER, 91, DATE_TIME, rrn(91), REMOTE_CARD, 1_00, EGP, EXPIRY, CaptureMode.DUAL_MESSAGE,
            false));
        out.add(c.authorize(ACQUIRER, 92, DATE_TIME, rrn(92), UNROUTED_CARD, 1_00, EGP, EXPIRY, CaptureMode.DUAL_MESSAGE,
            false));
        out.add(c.authorize(REMOTE_BANK, 93, DATE_TIME, rrn(93), CARD, 1_00, EGP, EXPIRY, CaptureMode.DUAL_MESSAGE, false));
        for (int i = 1; i <= 14; i++)
        {
            final int stan = 100 + i;
            if (i % 3 == 0)
            {
                out.add(c.complete(ACQUIRER, stan, DATE_TIME + stan, i, DATE_TIME + i, rrn(i), 50));
            }
            else if (i % 3 == 1)
            {
                out.add(c.reverse(ACQUIRER, stan, DATE_TIME + stan, i, DATE_TIME + i, rrn(i), i % 2 == 0 ? 0 : 20));
            }
            else
            {
                out.add(c.complete(ACQUIRER, stan, DATE_TIME + stan, i, DATE_TIME + i, rrn(i), 1_000_000));
            }
        }
        out.add(c.reverse(ACQUIRER, 101, DATE_TIME + 101, 1, DATE_TIME + 1, rrn(1), 20));
        out.add(c.complete(ACQUIRER, 150, DATE_TIME + 150, 77, DATE_TIME + 77, rrn(77), 10));
        out.add(c.setCardStatus(SMALL_CARD, CardStatus.BLOCKED));
        out.add(c.authorize(ACQUIRER, 151, DATE_TIME + 151, rrn(151), SMALL_CARD, 1_00, EGP, EXPIRY,
            CaptureMode.DUAL_MESSAGE, false));
        out.add(c.setCardLimits(CARD, 90_000, 50, 500_000));
        out.add(c.transfer(500, OPERATOR_ACCOUNT, CARD_ACCOUNT, 5_000, EGP, 0, 0, 0));
        out.add(c.transfer(500, OPERATOR_ACCOUNT, CARD_ACCOUNT, 5_000, EGP, 0, 0, 0));
        out.add(c.transfer(501, OPERATOR_ACCOUNT, SMALL_ACCOUNT, 2_000, EGP, 1, 0, 600));
        out.add(c.tick());
        for (int i = 0; i < 10; i++)
        {
            final int stan = 200 + i;
            out.add(c.authorize(ACQUIRER, stan, DATE_TIME + stan, rrn(stan), CARD, 3_00 + i, EGP, 0,
                CaptureMode.DUAL_MESSAGE, false));
        }
        out.add(c.tick());
        out.add(c.complete(ACQUIRER, 300, DATE_TIME + 300, 200, DATE_TIME + 200, rrn(200), 3_00));
        return out;
    }

    private static String rrn(final int n)
    {
        return String.format("%012d", n);
    }
}

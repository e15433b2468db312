package io.tahweel.gateways.iso8583.issuer;

import io.tahweel.gateways.iso8583.FieldEncoding;
import io.tahweel.gateways.iso8583.FieldFormats;
import io.tahweel.gateways.iso8583.Iso8583Packagers;
import io.tahweel.gateways.iso8583.Mti;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link IssuerAnswer} against what the link did with jPOS before ({@link #reference}: unpack into
 * an {@code ISOMsg}, then the same checks on its strings): for random issuer messages of every
 * MTI the link handles and some it does not, with the fields it checks right, wrong or absent,
 * packed by each profile and then, half the time, mutated (bytes changed, cut short or extended),
 * both decide the same (answer, advice answer, network, or dropped for the same reason) and an
 * answer journals the same field 39 and 38. Seeded: a failure names the seed.
 */
class IssuerAnswerEquivalenceTest
{
    private static final int[] MTIS = { 110, 210, 130, 230, 430, 800, 810, 100, 120, 9999 };
    private static final String[] CODES = { "00", "05", "91", "A1", "0", "0 ", "\u00e90", "-1", "zz" };
    private static final String[] APPROVALS = { "123456", "      ", " 12   ", "\t\t\t\t\t\t", "AB", "\u00a0\u00a0", "0" };

    @Property(tries = 3000)
    void decidesAsTheJposLinkDid(@ForAll final long seed) throws Exception
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (final FieldEncoding profile : FieldEncoding.values())
        {
            final ISOBasePackager packager = Iso8583Packagers.packager(profile);
            final ISOMsg msg = randomAnswer(random);
            msg.setPackager(packager);
            byte[] frame;
            try
            {
                frame = msg.pack();
            }
            catch (final ISOException ex)
            {
                continue; // a value jPOS cannot pack: no issuer sends it
            }
            if (random.nextBoolean())
            {
                frame = mutate(frame, random);
            }
            final String context = "seed " + seed + " " + profile;
            final Decision expected = reference(packager, frame);
            final IssuerAnswer answer = new IssuerAnswer(FieldFormats.of(profile));
            final byte[] buffer = Arrays.copyOf(frame, frame.length + random.nextInt(4)); // the decoder's array is larger
            final int verdict = answer.read(buffer, frame.length);
            assertEquals(expected.verdict, verdict, context);
            if (verdict == IssuerAnswer.AUTHORIZATION_RESPONSE || verdict == IssuerAnswer.ADVICE_RESPONSE)
            {
                assertEquals(expected.authorizationId, answer.authorizationId(), context);
            }
            if (verdict == IssuerAnswer.AUTHORIZATION_RESPONSE)
            {
                assertEquals(expected.code, new String(new byte[]{ answer.responseCode(0), answer.responseCode(1) },
                    StandardCharsets.ISO_8859_1), context);
                assertArrayEquals(expected.approval, answer.approvalCode(), context);
            }
            if (verdict == IssuerAnswer.ADVICE_RESPONSE)
            {
                assertEquals(expected.approved, answer.approved(), context);
                assertEquals(expected.mti, answer.mti(), context);
            }
            if (verdict == IssuerAnswer.UNEXPECTED_MTI)
            {
                assertEquals(expected.mti, answer.mti(), context);
            }
        }
    }

    /** What the link decided with jPOS (IssuerLink.onFrame and its handlers before this change). */
    private static Decision reference(final ISOBasePackager packager, final byte[] frame)
    {
        final Decision d = new Decision();
        final ISOMsg msg = new ISOMsg();
        msg.setPackager(packager);
        try
        {
            msg.unpack(frame);
            d.mti = Mti.parse(msg.getMTI());
        }
        catch (final ISOException | RuntimeException ex)
        {
            d.verdict = IssuerAnswer.UNREADABLE;
            return d;
        }
        switch (d.mti)
        {
            case 800 -> d.verdict = IssuerAnswer.NETWORK_REQUEST;
            case 810 -> d.verdict = IssuerAnswer.NETWORK_RESPONSE;
            case 110, 210 -> authorizationResponse(msg, d);
            case 130, 230, 430 ->
            {
                d.authorizationId = IssuerMessages.authorizationId(msg.getString(37));
                d.verdict = d.authorizationId < 0 ? IssuerAnswer.NOT_A_SWITCH_RRN : IssuerAnswer.ADVICE_RESPONSE;
                d.approved = IssuerMessages.APPROVED.equals(msg.getString(39));
            }
            default -> d.verdict = IssuerAnswer.UNEXPECTED_MTI;
        }
        return d;
    }

    private static void authorizationResponse(final ISOMsg msg, final Decision d)
    {
        d.authorizationId = IssuerMessages.authorizationId(msg.getString(37));
        if (d.authorizationId < 0)
        {
            d.verdict = IssuerAnswer.NOT_A_SWITCH_RRN;
            return;
        }
        final String stan = msg.getString(11);
        if (stan == null || !stan.equals(IssuerMessages.digits(IssuerMessages.stan(d.authorizationId), 6)))
        {
            d.verdict = IssuerAnswer.STAN_MISMATCH;
            return;
        }
        d.code = msg.getString(39);
        if (!IssuerLink.isResponseCode(d.code))
        {
            d.verdict = IssuerAnswer.NO_RESPONSE_CODE;
            return;
        }
        d.verdict = IssuerAnswer.AUTHORIZATION_RESPONSE;
        final String approval = msg.getString(38);
        final String journaled = approval != null && !approval.isBlank() ? approval : null;
        // IssuerEntries.response(String, String): padded with spaces to six, cut at six
        for (int i = 0; i < d.approval.length; i++)
        {
            d.approval[i] = journaled != null && i < journaled.length() ? (byte)journaled.charAt(i) : (byte)' ';
        }
    }

    private static ISOMsg randomAnswer(final SplittableRandom random) throws ISOException
    {
        final ISOMsg msg = new ISOMsg();
        final int mti = MTIS[random.nextInt(MTIS.length)];
        msg.setMTI(IssuerMessages.digits(mti, 4));
        final long authorizationId = random.nextInt(10) == 0 ? 0 : random.nextLong(1, 2_000_000);
        if (random.nextInt(8) != 0)
        {
            msg.set(37, random.nextInt(10) == 0 ? "RRN" + IssuerMessages.digits(authorizationId, 9) :
                IssuerMessages.rrn(authorizationId));
        }
        if (random.nextInt(8) != 0)
        {
            final int stan = random.nextInt(6) == 0 ? random.nextInt(1, 999_999) : IssuerMessages.stan(authorizationId);
            msg.set(11, IssuerMessages.digits(stan, 6));
        }
        if (random.nextInt(8) != 0)
        {
            msg.set(39, CODES[random.nextInt(CODES.length)]);
        }
        if (random.nextBoolean())
        {
            msg.set(38, APPROVALS[random.nextInt(APPROVALS.length)]);
        }
        if (random.nextBoolean())
        {
            msg.set(4, IssuerMessages.digits(random.nextLong(0, 1_000_000_000_000L), 12));
            msg.set(7, IssuerMessages.digits(random.nextLong(0, 10_000_000_000L), 10));
            msg.set(41, "TERM0001");
        }
        if (random.nextInt(4) == 0)
        {
            msg.set(70, "301");
            msg.set(33, "999001");
        }
        if (random.nextInt(6) == 0)
        {
            msg.set(90, IssuerMessages.digits(random.nextLong(0, Long.MAX_VALUE), 18) + "000000000000000000000000");
        }
        return msg;
    }

    /** As DecoderFuzzTest: bytes changed, the frame cut short, or bytes added. */
    private static byte[] mutate(final byte[] frame, final SplittableRandom random)
    {
        return switch (random.nextInt(3))
        {
            case 0 ->
            {
                final byte[] out = frame.clone();
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++)
                {
                    out[random.nextInt(out.length)] = (byte)random.nextInt(256);
                }
                yield out;
            }
            case 1 -> Arrays.copyOf(frame, random.nextInt(frame.length));
            default ->
            {
                final byte[] out = Arrays.copyOf(frame, frame.length + 1 + random.nextInt(8));
                for (int i = frame.length; i < out.length; i++)
                {
                    out[i] = (byte)random.nextInt(256);
                }
                yield out;
            }
        };
    }

    private static final class Decision
    {
        int verdict;
        int mti = Mti.INVALID;
        long authorizationId = -1;
        String code;
        boolean approved;
        final byte[] approval = new byte[IssuerAnswer.APPROVAL_CODE_LENGTH];
    }
}

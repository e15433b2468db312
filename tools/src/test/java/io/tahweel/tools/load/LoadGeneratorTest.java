package io.tahweel.tools.load;

import io.tahweel.tools.demo.DemoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load generator against a real switch in this process over loopback sockets: every
 * request is answered and approved, the step run stops at the bound, the histogram file is
 * written. Correctness only: rates and latencies are measured by bench runs, not tests.
 */
class LoadGeneratorTest
{
    @Test
    void drivesTheSwitchOverIso8583AndEveryRequestIsAnswered(@TempDir final Path tmp) throws Exception
    {
        try (EmbeddedSwitch target = new EmbeddedSwitch(50, "sleeping");
             LoadGenerator generator = new LoadGenerator("127.0.0.1", target.port(), 2,
                 new DemoData(50).activeFundedPans(), DemoData.ACQUIRER, "0200"))
        {
            generator.inside(target.stack().iso8583Latency());
            final LoadRun.Result result = generator.run(500, 1.0);
            assertEquals(500, result.sent());
            assertEquals(500, result.answered(), "every request answered: " + result.responseCodes());
            assertEquals(500L, result.responseCodes().get("00"), "all approved: " + result.responseCodes());
            assertEquals(500, result.histogram().getTotalCount());
            // Each answer's time inside the switch is part of its time at the client, so every order statistic is too.
            assertEquals(500, result.inside().getTotalCount(), "the switch timed every answer");
            assertTrue(result.inside().getValueAtPercentile(50) <= result.histogram().getValueAtPercentile(50) * 1.01 &&
                result.inside().getMaxValue() <= result.histogram().getMaxValue() * 1.01,
                "inside p50 " + result.inside().getValueAtPercentile(50) + " ns, client p50 " +
                result.histogram().getValueAtPercentile(50) + " ns");

            final ByteArrayOutputStream printed = new ByteArrayOutputStream();
            final List<LoadRun.Result> steps = generator.step(new int[]{200, 400}, 0.5, 1, new PrintStream(printed));
            assertEquals(1, steps.size(), "a 1 ns p99.9 bound stops the step run after the first step");
            assertTrue(printed.toString().contains("offered") && printed.toString().contains("inside the switch"),
                printed.toString());

            final Path hgrm = tmp.resolve("run.hgrm");
            LoadGenerator.writeHgrm(result, hgrm);
            assertTrue(Files.readString(hgrm).contains("Percentile"));
        }
    }

    @Test
    void theBaselineEchoHostAnswersEveryRequest() throws Exception
    {
        try (EchoHost echo = new EchoHost();
             LoadGenerator generator = new LoadGenerator("127.0.0.1", echo.port(), 1, new DemoData(5).activeFundedPans(),
                 DemoData.ACQUIRER, "0100"))
        {
            final LoadRun.Result result = generator.run(300, 0.5);
            assertEquals(result.sent(), result.answered());
        }
    }
}

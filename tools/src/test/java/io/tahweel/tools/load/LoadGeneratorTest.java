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
            final LoadRun.Result result = generator.run(500, 1.0);
            assertEquals(500, result.sent());
            assertEquals(500, result.answered(), "every request answered: " + result.responseCodes());
            assertEquals(500L, result.responseCodes().get("00"), "all approved: " + result.responseCodes());
            assertEquals(500, result.histogram().getTotalCount());

            final ByteArrayOutputStream printed = new ByteArrayOutputStream();
            final List<LoadRun.Result> steps = generator.step(new int[]{200, 400}, 0.5, 1, new PrintStream(printed));
            assertEquals(1, steps.size(), "a 1 ns p99.9 bound stops the step run after the first step");
            assertTrue(printed.toString().contains("offered"), printed.toString());

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

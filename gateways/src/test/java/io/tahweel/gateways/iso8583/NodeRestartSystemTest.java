package io.tahweel.gateways.iso8583;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node restart in the middle: the acquirer's connection drops, it reconnects to a new node on
 * the same journal, signs on again and retransmits as a repeat: it gets the original answer
 * (same approval code) and the hold is not taken twice.
 */
class NodeRestartSystemTest
{
    @Test
    void aRetransmissionAfterARestartGetsTheOriginalAnswer(@TempDir final Path dataDir) throws Exception
    {
        final ISOMsg original = JposAcquirer.authorization("0100", TestSwitch.LOW, 700);
        final String approvalCode;
        final int port;
        try (TestSwitch first = TestSwitch.start(dataDir, new ListenerConfig("post", 0).bindAddress("127.0.0.1"));
             JposAcquirer acquirer = JposAcquirer.post(first.port("post")))
        {
            port = first.port("post");
            acquirer.signOn();
            final ISOMsg answer = acquirer.request(original);
            assertEquals("00", answer.getString(39));
            approvalCode = answer.getString(38);
        }

        try (TestSwitch second = TestSwitch.start(dataDir, new ListenerConfig("post", port).bindAddress("127.0.0.1"));
             JposAcquirer acquirer = JposAcquirer.post(port))
        {
            assertTrue(second.node.recoveredSequence() > 0, "recovered from the journal");
            assertEquals("91", acquirer.request(JposAcquirer.repeat(original)).getString(39), "sign on first");
            acquirer.signOn();
            final ISOMsg again = acquirer.request(JposAcquirer.repeat(original));
            assertEquals("0110", again.getMTI());
            assertEquals("00", again.getString(39));
            assertEquals(approvalCode, again.getString(38));
            assertEquals("51", acquirer.request(JposAcquirer.authorization("0100", TestSwitch.LOW, 700)).getString(39),
                "1000 - 700 held once = 300 left");
            assertEquals("00", acquirer.request(JposAcquirer.follow("0400", original, 700)).getString(39),
                "the recovered hold can be reversed");
        }
    }
}

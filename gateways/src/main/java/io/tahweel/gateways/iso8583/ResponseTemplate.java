package io.tahweel.gateways.iso8583;

/**
 * The answer to one request before its field 39 is known: the response MTI, the TPDU to send back
 * (already swapped) and the echoed fields ({@link ResponseWriter#ECHOED}) as packed bytes, in
 * that order. Request and response use the same packager, so a field's packed bytes are the same
 * in both. Preallocated and reused: one per in-flight slot, one per session for immediate answers.
 */
final class ResponseTemplate
{
    /** Room for the echoed fields at their largest in either profile (195 bytes in ASCII). */
    static final int ECHOED_CAPACITY = 256;

    final byte[] tpdu = new byte[DecodedFrame.TPDU_LENGTH];
    final byte[] echoed = new byte[ECHOED_CAPACITY];
    /** Packed length of each {@link ResponseWriter#ECHOED} field, 0 when absent; they follow each other in {@link #echoed}. */
    final int[] echoedLength = new int[ResponseWriter.ECHOED.length];
    int mti;
    boolean hasTpdu;
    /** When the request's frame was read ({@link System#nanoTime()}), for {@link AcquirerLatency}. */
    long receivedNanos;

    void reset()
    {
        mti = Mti.INVALID;
        hasTpdu = false;
        java.util.Arrays.fill(echoedLength, 0);
    }
}

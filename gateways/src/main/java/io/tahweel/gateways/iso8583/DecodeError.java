package io.tahweel.gateways.iso8583;

/**
 * Why an inbound frame was not taken, in the order the checks run. Stable names: they appear in
 * logs and in the error budget's accounting.
 */
public enum DecodeError
{
    /** Decoded and valid. */
    NONE,
    /** Length prefix is not four ASCII digits: the stream cannot be re-synchronised, the connection closes. */
    BAD_LENGTH_PREFIX,
    /** Stated length above {@link Iso8583Limits#MAX_FRAME_LENGTH}: the bytes are skipped unread. */
    OVERSIZED_FRAME,
    /** Frame shorter than its TPDU header. */
    TRUNCATED_HEADER,
    /** The packager could not read the message: truncated, bitmap naming fields that are not there, a length over a field's maximum. */
    UNPACK_FAILED,
    /** Bytes left after the last field the bitmap names. */
    TRAILING_BYTES,
    /** Field 0 is not four digits. */
    BAD_MTI,
    /** A well-formed MTI this switch does not take from acquirers. */
    UNKNOWN_MTI,
    /** A field's content breaks its type: non-digits in a numeric field, non-printable text, too long. */
    INVALID_FIELD,
    /** A field a message type needs is absent or its value is out of range (e.g. month 13 in field 7). */
    MISSING_OR_BAD_REQUIRED_FIELD
}

package io.tahweel.gateways.admin;

/**
 * What the admin interface needs from a replicated node (hot standby) for {@code GET /status},
 * {@code POST /promote} and {@code POST /demote}. Implemented by the command line over the
 * engine's failover node, so gateways does not depend on the replication classes. Called from the
 * admin thread: every method must be safe while the node changes role.
 */
public interface NodeRoles
{
    /**
     * @return a JSON object describing the node's role: at least {@code role}, {@code epoch},
     * {@code replicationMode}, {@code standbyAlive}, {@code primaryAlive} and {@code journalSequence}.
     * The admin server merges its members into the {@code GET /status} answer.
     */
    String statusJson();

    /**
     * Operator promotion of this standby.
     *
     * @return a JSON object describing the outcome (answered with HTTP 200).
     * @throws Refused when this node's role does not allow it (answered with HTTP 409 and the reason).
     */
    String promote();

    /**
     * Operator step-down of this primary.
     *
     * @return a JSON object describing the outcome (answered with HTTP 200).
     * @throws Refused when this node's role does not allow it (answered with HTTP 409 and the reason).
     */
    String demote();

    /**
     * Operator switch of this primary's replication mode: {@code solo}, {@code async} or {@code sync}.
     * The rule: a SYNC primary with no standby declines new work until a standby returns
     * or an operator switches it to SOLO.
     *
     * @param mode the new mode, lower case.
     * @return a JSON object describing the node after the switch (answered with HTTP 200).
     * @throws Refused when this node cannot switch (not a primary, or no replication).
     */
    default String mode(final String mode)
    {
        throw new Refused("this node cannot switch its replication mode");
    }

    /** The role does not allow the request; the message is the reason given to the operator. */
    final class Refused extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        public Refused(final String reason)
        {
            super(reason);
        }
    }
}

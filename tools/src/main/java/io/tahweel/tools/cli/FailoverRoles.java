package io.tahweel.tools.cli;

import io.tahweel.engine.node.SwitchNode;
import io.tahweel.engine.replication.FailoverNode;
import io.tahweel.engine.replication.ReplicationMode;
import io.tahweel.engine.replication.StandbyAckGate;
import io.tahweel.engine.replication.StandbyNode;
import io.tahweel.gateways.admin.NodeRoles;
import io.tahweel.journal.replication.ReplicationPublisher;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The admin interface's {@link NodeRoles} over a {@link FailoverNode}: {@code GET /status} fields,
 * operator promotion of a standby and step-down of a primary. A request is refused (409) unless the
 * node is in the role it applies to; an accepted one waits (bounded) until the node has left that role.
 */
public final class FailoverRoles implements NodeRoles
{
    /** How long promote/demote wait for the role change before answering with {@code "completed":false}. */
    public static final long DEFAULT_WAIT_MS = 10_000;

    private final FailoverNode node;
    private final ReplicationMode configuredMode;
    private final long waitNs;

    /**
     * @param node           the failover node.
     * @param configuredMode the node's replication mode as configured (SYNC or ASYNC).
     * @param waitMs         how long promote/demote wait for the role change.
     */
    public FailoverRoles(final FailoverNode node, final ReplicationMode configuredMode, final long waitMs)
    {
        this.node = node;
        this.configuredMode = configuredMode;
        this.waitNs = TimeUnit.MILLISECONDS.toNanos(waitMs);
    }

    @Override
    public String statusJson()
    {
        final FailoverNode.Role role = node.role();
        final SwitchNode primary = node.primary();
        final StandbyNode standby = node.standby();
        ReplicationMode mode = configuredMode;
        Boolean standbyAlive = null;
        Boolean primaryAlive = null;
        long journalSequence = -1;
        long ackedSequence = -1;
        long appliedSequence = -1;
        boolean fenced = false;
        int epoch = node.epoch();
        try
        {
            if (null != primary)
            {
                final ReplicationPublisher publisher = primary.replicationPublisher();
                final StandbyAckGate gate = primary.replicationGate();
                standbyAlive = null != publisher && publisher.isStandbyAlive();
                journalSequence = null == publisher ? primary.lastOutputSequence() :
                    Math.max(publisher.nextSequence() - 1, primary.lastOutputSequence());
                if (null != gate)
                {
                    mode = gate.mode();
                    ackedSequence = gate.ackedSequence();
                    fenced = gate.isFenced();
                }
                appliedSequence = primary.lastOutputSequence();
            }
            else if (null != standby)
            {
                primaryAlive = standby.follower().isPrimaryAlive();
                // the epoch followed (a node rejoining with an empty journal does not update its own)
                epoch = Math.max(epoch, standby.follower().leaderEpoch());
                journalSequence = standby.follower().journaledSequence();
                appliedSequence = standby.standbyCore().appliedSequence();
            }
        }
        catch (final RuntimeException ex)
        {
            // the role changed under us (a closed primary or standby): report what is known
        }
        final RuntimeException failure = node.failure();
        final StringBuilder json = new StringBuilder(384).append('{')
            .append("\"role\":\"").append(role).append('"')
            .append(",\"epoch\":").append(epoch)
            .append(",\"highestEpochSeen\":").append(node.highestEpochSeen())
            .append(",\"replicationMode\":\"").append(mode).append('"')
            .append(",\"standbyAlive\":").append(standbyAlive)
            .append(",\"primaryAlive\":").append(primaryAlive)
            .append(",\"journalSequence\":").append(journalSequence)
            .append(",\"appliedSequence\":").append(appliedSequence)
            .append(",\"ackedSequence\":").append(ackedSequence)
            .append(",\"fenced\":").append(fenced)
            .append(",\"promotions\":").append(node.promotions())
            .append(",\"stepDowns\":").append(node.stepDowns())
            .append(",\"lastDiscardedEntries\":").append(node.lastDiscardedEntries())
            .append(",\"failure\":");
        if (null == failure)
        {
            json.append("null");
        }
        else
        {
            final String quoted = errorText(String.valueOf(failure.getMessage()));
            json.append(quoted);
        }
        return json.append('}').toString();
    }

    @Override
    public String promote()
    {
        final FailoverNode.Role role = node.role();
        if (role != FailoverNode.Role.STANDBY)
        {
            throw new Refused("this node is " + role + ": only a STANDBY can be promoted");
        }
        node.promote();
        return waitForChange(FailoverNode.Role.PRIMARY, "promote");
    }

    @Override
    public String demote()
    {
        final FailoverNode.Role role = node.role();
        if (role != FailoverNode.Role.PRIMARY)
        {
            throw new Refused("this node is " + role + ": only a PRIMARY can step down");
        }
        node.demote();
        return waitForChange(null, "demote");
    }

    @Override
    public String mode(final String mode)
    {
        final SwitchNode primary = node.role() == FailoverNode.Role.PRIMARY ? node.primary() : null;
        final StandbyAckGate gate = null == primary ? null : primary.replicationGate();
        if (null == gate)
        {
            throw new Refused("this node is " + node.role() + ": only a replicating PRIMARY has a mode to switch");
        }
        gate.mode(ReplicationMode.valueOf(mode.toUpperCase(java.util.Locale.ROOT)));
        return statusJson();
    }

    /** Until the node is in {@code target} (or, when null, no longer PRIMARY), then its status. */
    private String waitForChange(final FailoverNode.Role target, final String request)
    {
        final long deadline = System.nanoTime() + waitNs;
        boolean completed;
        while (!(completed = isDone(target)) && System.nanoTime() - deadline < 0)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        final String status = statusJson();
        return "{\"request\":\"" + request + "\",\"completed\":" + completed + "," + status.substring(1);
    }

    private boolean isDone(final FailoverNode.Role target)
    {
        final FailoverNode.Role role = node.role();
        return null == target ? role != FailoverNode.Role.PRIMARY : role == target;
    }

    /** A JSON string literal. */
    private static String errorText(final String text)
    {
        final StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                json.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                json.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}

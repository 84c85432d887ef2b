package dev.switchboard.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.switchboard.ticket.TicketId;

/**
 * The routing core: a queue per team, the agents, and who holds which ticket. Pure and
 * single-threaded: the caller serialises every call (one routing thread per node, or one owner per team).
 *
 * <p>Every change that can free or create work answers with the assignments it caused. A ticket goes
 * to the eligible agent of its team with the highest score (see {@link RoutingWeights}); ties go to the
 * least loaded agent, then to the one assigned least recently (no agent gets more for signing in
 * first); each choice, with its explanation, is a {@link Decision}. An agent is eligible when online, available, under capacity (a hard limit), and has not let
 * this ticket's offer time out before. Within a queue the more urgent ticket goes first (priority,
 * SLA due time, age); a ticket that no eligible agent has room for waits, and goes out the moment one
 * has.
 */
public final class Router {

    /** Candidates listed by name in a decision's explanation; the rest are counted by reason. */
    public static final int EXPLAINED = Decision.EXPLAINED;

    /** Volatile only so that another thread may read which weights are in force; set on the router's own thread. */
    private volatile RoutingWeights weights;
    private final Map<String, TreeSet<WaitingTicket>> queues = new HashMap<>();
    private final Map<TicketId, WaitingTicket> waiting = new HashMap<>();
    private final Map<String, Slot> agents = new HashMap<>();
    /** The agents of each team: a dispatch looks only at the team's own members. */
    private final Map<String, List<Slot>> members = new HashMap<>();
    private final Map<TicketId, Holding> holdings = new HashMap<>();
    /**
     * Agents who let a ticket's offer run out: passed over for it while another agent of its team could take
     * it, offered it again once nobody else could (an agent away from a screen that is still connected
     * must not leave the ticket waiting for nobody while newer ones go out).
     */
    private final Map<TicketId, Set<String>> missed = new HashMap<>();
    /** Agents who handed a ticket back: never offered it again (a person's choice; a lead can still give it to them). */
    private final Map<TicketId, Set<String>> declined = new HashMap<>();
    private long sequence;

    /** A ticket offered to an agent, acknowledged or not yet. */
    private record Holding(WaitingTicket ticket, String agentId, boolean acknowledged) {
    }

    public Router(RoutingWeights weights) {
        this.weights = Objects.requireNonNull(weights, "weights");
    }

    /** New weights for the decisions from now on; offers already made stand. */
    public void reweigh(RoutingWeights newWeights) {
        this.weights = Objects.requireNonNull(newWeights, "weights");
    }

    public RoutingWeights weights() {
        return weights;
    }

    /** A ticket to route. Submitting a ticket the router already has changes nothing. */
    public List<Assignment> submit(WaitingTicket ticket) {
        if (waiting.containsKey(ticket.id()) || holdings.containsKey(ticket.id())) {
            return List.of();
        }
        enqueue(ticket);
        return dispatch(ticket.team());
    }

    /** An agent arrives or changes (presence, availability, capacity, skills, region, team). */
    public List<Assignment> upsertAgent(AgentState state) {
        Slot slot = agents.get(state.id());
        List<Assignment> out = new ArrayList<>();
        if (slot == null) {
            slot = new Slot(state);
            agents.put(state.id(), slot);
            members.computeIfAbsent(state.team(), t -> new ArrayList<>()).add(slot);
        } else {
            String formerTeam = slot.state.team();
            slot.state = state;
            if (!formerTeam.equals(state.team())) {
                members.get(formerTeam).remove(slot);
                members.computeIfAbsent(state.team(), t -> new ArrayList<>()).add(slot);
                out.addAll(dispatch(formerTeam));
            }
        }
        out.addAll(dispatch(state.team()));
        return out;
    }

    /** The agent's connection dropped: they go offline and their unacknowledged tickets go to others. */
    public List<Assignment> disconnected(String agentId) {
        Slot slot = agents.get(agentId);
        if (slot == null) {
            return List.of();
        }
        slot.state = slot.state.withPresence(Presence.OFFLINE);
        // Their own team too: a ticket the others let run out, passed over while this agent could take it,
        // is theirs to have again now that nobody else could (Decision.choose).
        Set<String> teams = new HashSet<>(Set.of(slot.state.team()));
        for (TicketId id : List.copyOf(slot.held)) {
            Holding holding = holdings.get(id);
            if (!holding.acknowledged()) {
                takeBack(id);
                teams.add(holding.ticket().team());
            }
        }
        return dispatchAll(teams);
    }

    /** The agent is gone for good: every ticket they held, acknowledged or not, goes to others. */
    public List<Assignment> removeAgent(String agentId) {
        Slot slot = agents.remove(agentId);
        if (slot == null) {
            return List.of();
        }
        members.get(slot.state.team()).remove(slot);
        Set<String> teams = new HashSet<>(Set.of(slot.state.team())); // as for a disconnect
        for (TicketId id : slot.held) {
            Holding holding = holdings.remove(id);
            teams.add(holding.ticket().team());
            enqueue(holding.ticket().offeredAgain());
        }
        return dispatchAll(teams);
    }

    /** The teams this router has anything of: a queue, agents, or tickets held. */
    public Set<String> teams() {
        Set<String> teams = new HashSet<>(queues.keySet());
        members.forEach((team, crew) -> {
            if (!crew.isEmpty()) {
                teams.add(team);
            }
        });
        holdings.values().forEach(h -> teams.add(h.ticket().team()));
        return teams;
    }

    /**
     * Another router takes the team over (scale-out: its partition moved to another node). The team's
     * queue, the tickets of the team that agents hold, and the team's agents leave this router; no offer
     * is made. A ticket of another team that one of those agents held waits in its queue again.
     */
    public void dropTeam(String team) {
        TreeSet<WaitingTicket> queue = queues.remove(team);
        if (queue != null) {
            queue.forEach(t -> {
                waiting.remove(t.id());
                forgetRefusals(t.id());
            });
        }
        for (var held = holdings.entrySet().iterator(); held.hasNext(); ) {
            Map.Entry<TicketId, Holding> entry = held.next();
            if (entry.getValue().ticket().team().equals(team)) {
                Slot slot = agents.get(entry.getValue().agentId());
                if (slot != null) {
                    slot.held.remove(entry.getKey());
                }
                forgetRefusals(entry.getKey());
                held.remove();
            }
        }
        for (Slot slot : members.getOrDefault(team, List.of())) {
            agents.remove(slot.state.id());
            for (TicketId id : slot.held) {
                Holding holding = holdings.remove(id);
                if (holding != null) {
                    enqueue(holding.ticket().offeredAgain());
                }
            }
        }
        members.remove(team);
    }

    /**
     * Puts back a ticket an agent had acknowledged before a restart: held by them, counting against
     * their capacity. False when the agent is unknown (then route the ticket again).
     */
    public boolean restore(WaitingTicket ticket, String agentId) {
        Slot slot = agents.get(agentId);
        if (slot == null || waiting.containsKey(ticket.id()) || holdings.containsKey(ticket.id())) {
            return false;
        }
        slot.held.add(ticket.id());
        holdings.put(ticket.id(), new Holding(ticket, agentId, true));
        return true;
    }

    /** The agent acknowledges an offer; false when they do not hold that ticket (any more). */
    public boolean acknowledge(TicketId ticketId, String agentId) {
        Holding holding = holdings.get(ticketId);
        if (holding == null || !holding.agentId().equals(agentId)) {
            return false;
        }
        holdings.put(ticketId, new Holding(holding.ticket(), agentId, true));
        return true;
    }

    /**
     * The offer was not acknowledged in time: the ticket is taken back and offered to someone else, or to
     * the same agent again when no other agent of its team could take it (see {@link Decision#choose}).
     */
    public List<Assignment> offerTimedOut(TicketId ticketId, String agentId) {
        Holding holding = holdings.get(ticketId);
        if (holding == null || holding.acknowledged() || !holding.agentId().equals(agentId)) {
            return List.of();
        }
        missed.computeIfAbsent(ticketId, id -> new HashSet<>()).add(agentId);
        takeBack(ticketId);
        return dispatchAfterTakeBack(holding);
    }

    /** The ticket is resolved (or otherwise done): its agent's capacity is free for the next. */
    public List<Assignment> release(TicketId ticketId) {
        Optional<String> former = forget(ticketId);
        forgetRefusals(ticketId);
        return roomFreedBy(former);
    }

    /**
     * The agent hands the ticket back: it waits in its queue again, the agent's room is free, and the
     * ticket is not offered to that agent again.
     */
    public List<Assignment> handBack(TicketId ticketId) {
        Holding holding = holdings.get(ticketId);
        if (holding == null) {
            return List.of();
        }
        declined.computeIfAbsent(ticketId, id -> new HashSet<>()).add(holding.agentId());
        takeBack(ticketId);
        return dispatchAfterTakeBack(holding);
    }

    /**
     * A person put the ticket (back) in its queue, perhaps another team's, perhaps at another priority:
     * whoever held it lets go, it waits by its new facts, and agents who refused it before may have it now.
     */
    public List<Assignment> requeue(WaitingTicket ticket) {
        WaitingTicket before = waiting.get(ticket.id());
        Optional<String> former = forget(ticket.id());
        forgetRefusals(ticket.id());
        enqueue(former.isPresent() || (before != null && before.offeredBefore()) ? ticket.offeredAgain() : ticket);
        Set<String> teams = new java.util.LinkedHashSet<>();
        teams.add(ticket.team());
        former.map(agents::get).ifPresent(slot -> teams.add(slot.state.team()));
        return dispatchAll(teams);
    }

    /**
     * A person gave the ticket to an agent: it is theirs, acknowledged, even beyond their capacity (a
     * person decided, not the router; the agent is offered nothing more until they are below it). The
     * room it leaves with its former holder goes to the next waiting ticket.
     *
     * @throws IllegalArgumentException when the agent is unknown
     */
    public List<Assignment> assign(WaitingTicket ticket, String agentId) {
        Slot slot = agents.get(agentId);
        if (slot == null) {
            throw new IllegalArgumentException("no agent " + agentId);
        }
        Optional<String> former = forget(ticket.id());
        forgetRefusals(ticket.id());
        slot.held.add(ticket.id());
        holdings.put(ticket.id(), new Holding(ticket, agentId, true));
        return roomFreedBy(former.filter(id -> !id.equals(agentId)));
    }

    /**
     * The facts of a ticket its agent keeps changed (priority, category): should it go back to a queue
     * later, it waits by the new ones.
     */
    public void amend(WaitingTicket ticket) {
        Holding holding = holdings.get(ticket.id());
        if (holding != null) {
            holdings.put(ticket.id(), new Holding(ticket, holding.agentId(), holding.acknowledged()));
        }
    }

    /** The tickets waiting in a team's queue, in the order they will go out. */
    public List<WaitingTicket> queue(String team) {
        return List.copyOf(queues.getOrDefault(team, new TreeSet<>(WaitingTicket.QUEUE_ORDER)));
    }

    /** Every team's queue depth. */
    public Map<String, Integer> depths() {
        Map<String, Integer> depths = new HashMap<>();
        queues.forEach((team, queue) -> depths.put(team, queue.size()));
        return depths;
    }

    /** The tickets an agent holds now. */
    public Set<TicketId> heldBy(String agentId) {
        Slot slot = agents.get(agentId);
        return slot == null ? Set.of() : Set.copyOf(slot.held);
    }

    /** Who holds a ticket, and whether they acknowledged it. */
    public Optional<String> holderOf(TicketId ticketId) {
        return Optional.ofNullable(holdings.get(ticketId)).map(Holding::agentId);
    }

    public boolean isAcknowledged(TicketId ticketId) {
        Holding holding = holdings.get(ticketId);
        return holding != null && holding.acknowledged();
    }

    public boolean isWaiting(TicketId ticketId) {
        return waiting.containsKey(ticketId);
    }

    /** Each team's queue and each agent's load, as they stand. */
    public RoutingOverview overview() {
        List<RoutingOverview.Queue> queueViews = new ArrayList<>();
        queues.forEach((team, queue) -> queueViews.add(new RoutingOverview.Queue(team, queue.size(),
                queue.stream().map(WaitingTicket::receivedAt).min(java.util.Comparator.naturalOrder()))));
        queueViews.sort(java.util.Comparator.comparing(RoutingOverview.Queue::team));
        List<RoutingOverview.AgentLoad> loads = agents.values().stream()
                .map(slot -> new RoutingOverview.AgentLoad(slot.state.id(), slot.state.team(), slot.state.presence(),
                        slot.state.available(), slot.held.size(), slot.state.capacity()))
                .sorted(java.util.Comparator.comparing(RoutingOverview.AgentLoad::team).thenComparing(RoutingOverview.AgentLoad::id))
                .toList();
        return new RoutingOverview(queueViews, loads);
    }

    public Optional<AgentState> agent(String agentId) {
        return Optional.ofNullable(agents.get(agentId)).map(s -> s.state);
    }

    public Collection<AgentState> agents() {
        return agents.values().stream().map(s -> s.state).toList();
    }

    // --- giving out work (each ticket's choice of agent is a Decision) ---

    /** A ticket went back to its queue and its agent has room again: both teams may have work to give out. */
    private List<Assignment> dispatchAfterTakeBack(Holding holding) {
        Set<String> teams = new java.util.LinkedHashSet<>();
        teams.add(holding.ticket().team());
        teams.add(agents.get(holding.agentId()).state.team());
        return dispatchAll(teams);
    }

    private List<Assignment> dispatchAll(Collection<String> teams) {
        List<Assignment> out = new ArrayList<>();
        teams.forEach(team -> out.addAll(dispatch(team)));
        return out;
    }

    /** Offers the team's waiting tickets, most urgent first, while any agent of the team has room. */
    private List<Assignment> dispatch(String team) {
        TreeSet<WaitingTicket> queue = queues.get(team);
        if (queue == null || queue.isEmpty()) {
            return List.of();
        }
        List<Slot> crew = members.getOrDefault(team, List.of());
        List<Assignment> out = new ArrayList<>();
        for (java.util.Iterator<WaitingTicket> next = queue.iterator(); next.hasNext(); ) {
            if (crew.stream().noneMatch(s -> s.state.isReceiving() && s.hasRoom())) {
                break; // nobody has room: however long the queue, this costs one look at the team
            }
            WaitingTicket ticket = next.next();
            Decision.choose(ticket, crew, missed.getOrDefault(ticket.id(), Set.of()), declined.getOrDefault(ticket.id(), Set.of()),
                    weights).ifPresent(assignment -> {
                next.remove();
                waiting.remove(ticket.id());
                Slot slot = agents.get(assignment.agentId());
                slot.held.add(ticket.id());
                slot.lastAssigned = ++sequence;
                holdings.put(ticket.id(), new Holding(ticket, assignment.agentId(), false));
                out.add(assignment);
            });
        }
        return out;
    }

    // --- bookkeeping ---

    private void enqueue(WaitingTicket ticket) {
        queues.computeIfAbsent(ticket.team(), t -> new TreeSet<>(WaitingTicket.QUEUE_ORDER)).add(ticket);
        waiting.put(ticket.id(), ticket);
    }

    /** The offers the room an agent just got back makes: their team's waiting tickets, as far as it goes. */
    private List<Assignment> roomFreedBy(Optional<String> agentId) {
        return agentId.map(agents::get).map(slot -> dispatch(slot.state.team())).orElse(List.of());
    }

    /** Takes the ticket out of wherever it is (a queue, an agent's hands): who held it, if anyone. */
    private Optional<String> forget(TicketId ticketId) {
        WaitingTicket queued = waiting.remove(ticketId);
        if (queued != null) {
            queues.get(queued.team()).remove(queued);
        }
        Holding holding = holdings.remove(ticketId);
        if (holding == null) {
            return Optional.empty();
        }
        agents.get(holding.agentId()).held.remove(ticketId);
        return Optional.of(holding.agentId());
    }

    /** Who let the ticket's offer run out or handed it back no longer counts: it starts afresh (resolved, requeued, given). */
    private void forgetRefusals(TicketId ticketId) {
        missed.remove(ticketId);
        declined.remove(ticketId);
    }

    private void takeBack(TicketId ticketId) {
        Holding holding = holdings.remove(ticketId);
        agents.get(holding.agentId()).held.remove(ticketId);
        enqueue(holding.ticket().offeredAgain());
    }
}

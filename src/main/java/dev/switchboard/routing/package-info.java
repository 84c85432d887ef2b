/**
 * Routing: agents, a queue per team, and the router that offers each ticket to the best eligible
 * agent. The core ({@link dev.switchboard.routing.Router}) is pure and single-threaded; live push over
 * WebSocket and the agents' admin API build on it.
 */
package dev.switchboard.routing;

/**
 * The bench command: Switchboard measured from outside, as a user would measure it. Simulated
 * customers post tickets over HTTP on an open-loop schedule, simulated agents take them over the
 * real WebSocket stream, and the figures (throughput, latency percentiles from the scheduled send
 * time, misroute rate, agent idle time, tickets lost) go to the terminal, {@code results.json} and a
 * latency plot. A client only: it talks to the server through its public API and nothing else.
 */
package dev.switchboard.bench;

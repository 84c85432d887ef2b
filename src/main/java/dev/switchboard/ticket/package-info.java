/**
 * The domain core: tickets, their ids, channels, priorities and states. Pure Java: no Spring, no
 * JDBC, no Jackson. Every other module depends on this one, never the reverse.
 */
package dev.switchboard.ticket;

/**
 * Channels and notifications: outbound webhooks for ticket events (signed, retried, parked), a
 * Slack-compatible notifier, and the SLA watch. Deliveries are written in the same transaction as the
 * ticket events they announce (a transactional outbox), so no event is announced that did not happen
 * and none that happened is lost.
 */
package dev.switchboard.channels;

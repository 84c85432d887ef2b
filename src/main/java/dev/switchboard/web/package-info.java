/**
 * The HTTP conventions every module's API shares: RFC 9457 problem responses, request size limits
 * and rate limits.
 */
package dev.switchboard.web;

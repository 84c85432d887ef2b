/**
 * Triage rules: the YAML rule set, its parser and the problems it reports. Open to the admin pages,
 * which edit rules and show what is wrong with a set.
 */
@org.springframework.modulith.NamedInterface("rules")
package dev.switchboard.triage.rules;

/**
 * The learning loop: retraining on the team's resolved tickets (on a schedule, on demand, on drift),
 * an evaluation gate, a canary rollout that rolls back by itself, and the model registry behind them.
 * The decisions ({@link dev.switchboard.learning.CanaryPolicy}, {@link dev.switchboard.learning.DriftWatch},
 * {@link dev.switchboard.learning.EvaluationGate}) are pure; {@link dev.switchboard.learning.LearningLoop}
 * runs them against the registry, the live figures and a clock.
 */
package dev.switchboard.learning;

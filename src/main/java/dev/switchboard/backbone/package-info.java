/**
 * The backbone: how the pipeline's stages reach each other. Intake tells routing of stored tickets,
 * the nodes holding agents' connections tell routing what the agents do, and routing tells those nodes
 * what to push. In this process ({@link dev.switchboard.backbone.InProcessBackbone}, the embedded
 * default) or through Apache Kafka ({@code kafka}, for several nodes); the stages do not know which.
 * PostgreSQL (or H2) holds the truth; the backbone carries the news. See docs/scale-out.md.
 */
package dev.switchboard.backbone;

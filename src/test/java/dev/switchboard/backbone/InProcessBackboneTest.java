package dev.switchboard.backbone;

import org.junit.jupiter.api.BeforeAll;

/** The embedded default's backbone against the shared contract. */
class InProcessBackboneTest extends BackboneContract {

    private static final Heard HEARD = new Heard();
    private static final InProcessBackbone BACKBONE = new InProcessBackbone("test-node");

    @BeforeAll
    static void attach() {
        BACKBONE.routeTo(HEARD);
        BACKBONE.pushTo(HEARD);
    }

    @Override
    Backbone backbone() {
        return BACKBONE;
    }

    @Override
    Heard heard() {
        return HEARD;
    }
}

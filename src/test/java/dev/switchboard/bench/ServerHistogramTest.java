package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerHistogramTest {

    private static String scrape(long within5ms, long within25ms, long within50ms, long all) {
        return """
                # HELP switchboard_routing_accepted_to_pushed_seconds From a ticket's acceptance to its offer
                # TYPE switchboard_routing_accepted_to_pushed_seconds histogram
                switchboard_routing_accepted_to_pushed_seconds_bucket{application="switchboard",le="0.005"} %d
                switchboard_routing_accepted_to_pushed_seconds_bucket{application="switchboard",le="0.025"} %d
                switchboard_routing_accepted_to_pushed_seconds_bucket{application="switchboard",le="0.05"} %d
                switchboard_routing_accepted_to_pushed_seconds_bucket{application="switchboard",le="+Inf"} %d
                switchboard_routing_accepted_to_pushed_seconds_count{application="switchboard"} %d
                switchboard_routing_time_to_assign_seconds_bucket{application="switchboard",le="0.005"} 999
                """.formatted(within5ms, within25ms, within50ms, all, all);
    }

    @Test
    void theWindowIsTheDifferenceOfTwoScrapesAndItsPercentilesAreBucketBounds() {
        ServerHistogram start = ServerHistogram.parse(scrape(10, 12, 14, 15), "switchboard_routing_accepted_to_pushed_seconds")
                .orElseThrow();
        ServerHistogram end = ServerHistogram.parse(scrape(1010, 1102, 1114, 1115), "switchboard_routing_accepted_to_pushed_seconds")
                .orElseThrow();

        ServerHistogram window = end.since(start);

        assertThat(window.count()).isEqualTo(1100);
        assertThat(window.percentileAtMost(50)).isEqualTo(5.0);
        // the 1,089th of 1,100: past the 1,000 within 5 ms, among the 1,090 within 25 ms
        assertThat(window.percentileAtMost(99)).isEqualTo(25.0);
        assertThat(window.percentileAtMost(99.95)).isEqualTo(50.0);
        assertThat(window.shareWithin(0.025)).hasValue(1090 / 1100.0);
        assertThat(window.shareWithin(0.01)).as("not a bound of the histogram").isEmpty();
    }

    @Test
    void aPercentileBeyondTheLastBoundIsInfinite() {
        ServerHistogram all = ServerHistogram.parse(scrape(0, 0, 0, 10), "switchboard_routing_accepted_to_pushed_seconds")
                .orElseThrow();

        assertThat(all.percentileAtMost(50)).isInfinite();
    }

    @Test
    void aMetricTheServerDoesNotShowIsEmpty() {
        assertThat(ServerHistogram.parse(scrape(1, 2, 3, 4), "switchboard_something_else_seconds")).isEmpty();
    }
}

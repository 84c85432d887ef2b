package dev.switchboard.intake;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.switchboard.intake.TicketSubmission.CustomerSubmission;
import dev.switchboard.support.Limits;
import tools.jackson.databind.json.JsonMapper;

/**
 * Intake validation on one thread: a typical e-mail ticket (customer, subject, a paragraph of body,
 * an attachment link, metadata) checked and cleaned, and one with five problems, each named.
 *
 * <p>Run: {@code scripts/jmh.sh ValidationBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class ValidationBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final SubmissionValidator validator = new SubmissionValidator(Limits.defaults(),
            metadata -> JSON.writeValueAsBytes(metadata).length);

    private final TicketSubmission good = new TicketSubmission("email",
            new CustomerSubmission("crm-118", "ann@example.com", "Ann Example", "eu", "gold"), "Refund for order 1234",
            "Hello, I was charged twice for my subscription this month. The second charge came on the 3rd and I did not"
                    + " order anything else. Could you refund the duplicate? My order number is 1234. Thanks, Ann",
            List.of("https://files.example.com/receipt.pdf"), Map.of("orderValue", 700, "plan", "pro"), "P2");

    private final TicketSubmission bad = new TicketSubmission("fax",
            new CustomerSubmission("", "not-an-email", "", "", ""), "", " ", List.of("ftp://x"), Map.of(), "P9");

    @Benchmark
    public Object validTicket() {
        return validator.validate(good);
    }

    @Benchmark
    public Object invalidTicket() {
        return validator.validate(bad);
    }
}

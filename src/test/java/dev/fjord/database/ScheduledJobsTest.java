package dev.fjord.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.event.ExecutionInterceptor;
import com.zaxxer.hikari.HikariDataSource;
import dev.fjord.support.ApiTest;
import dev.fjord.support.OtherInstance;
import dev.fjord.support.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The recurring jobs run through db-scheduler on the shared {@code scheduled_tasks} table. Instances started here
 * (besides the shared test context, whose scheduler is off) use the test database and a clock fixed at
 * 2000-01-01T01:00Z: before every other test's data, so their ticks touch only what this test creates.
 */
class ScheduledJobsTest extends ApiTest {
    private static final Instant INSTANCE_NOW = Instant.parse("2000-01-01T01:00:00Z");
    private static final List<String> TASKS = List.of("billing-clock", "wallet-expiry", "wallet-top-up");

    @Autowired
    private HikariDataSource database;

    /** Every execution the instances' schedulers ran, recorded around the task by an execution interceptor. */
    private final Queue<Run> runs = new ConcurrentLinkedQueue<>();

    private record Run(String task, Instant slot, String instance, Instant started, Instant ended) {}

    @BeforeEach
    void noScheduledTasksYet() {
        // no scheduler runs on the shared context: rows can only be left by another method of this class
        jdbc.sql("DELETE FROM scheduled_tasks").update();
    }

    @Test
    void anInstanceRegistersEachRecurringJobAndSchedulesItsNextRunOneIntervalAfterTheLast() {
        try (ConfigurableApplicationContext instance = start("solo")) {
            // a recurring task's first execution is due at once; each next one a fixed delay after the last ended
            waitUntil(Duration.ofSeconds(60), () -> succeededTasks() == 3);
            assertThat(jdbc.sql("SELECT task_name FROM scheduled_tasks ORDER BY task_name").query(String.class).list())
                    .isEqualTo(TASKS);
            assertThat(jdbc.sql("SELECT DISTINCT task_instance FROM scheduled_tasks").query(String.class).list())
                    .containsExactly("recurring");
            // the default cadences: billing clock every 10 minutes (600 s), wallet jobs every 20 s
            assertThat(secondsFromLastSuccessToNextRun("billing-clock")).isEqualTo(600.0);
            assertThat(secondsFromLastSuccessToNextRun("wallet-expiry")).isEqualTo(20.0);
            assertThat(secondsFromLastSuccessToNextRun("wallet-top-up")).isEqualTo(20.0);
            assertThat(runs.stream().map(Run::task).distinct()).containsExactlyInAnyOrderElementsOf(TASKS);
        }
    }

    @Test
    void twoInstancesOnOneDatabaseRunEachSlotOnceAndTheTicksDoTheirWork() {
        // what the ticks will find at the instances' 2000-01-01T01:00Z, made in December 1999
        clock.set(Instant.parse("1999-12-01T00:00:00Z"));
        Scenario s = new Scenario(api);
        s.plan("monthly", "monthly", 1000, "EUR", "[]");
        s.customer("acme", null);
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"1999-12-01T00:00:00Z\"");
        s.customer("leaving", null);
        var created = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"leaving\", \"rate_amount\": \"1\","
                + " \"currency\": \"EUR\", \"granted_credits\": \"10\", \"expiration_at\": \"1999-12-20T00:00:00Z\"}}");
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        String wallet = created.body().get("wallet").get("lago_id").stringValue();

        Map<String, String> everySecond = Map.of("fjord.jobs.billing-clock-interval", "PT1S", "fjord.jobs.wallet-interval", "PT1S");
        try (ConfigurableApplicationContext a = start("a", everySecond); ConfigurableApplicationContext b = start("b", everySecond)) {
            // b starts seconds after a: wait until both have taken executions, so they competed for the same slots
            waitUntil(Duration.ofSeconds(90), () -> TASKS.stream().allMatch(task -> runsOf(task).size() >= 5)
                    && runs.stream().map(Run::instance).distinct().count() == 2);
        }

        for (String task : TASKS) {
            List<Run> ofTask = runsOf(task);
            assertThat(ofTask.stream().map(Run::slot).distinct()).as(task + ": one execution per slot").hasSameSizeAs(ofTask);
            for (int i = 1; i < ofTask.size(); i++) {
                // fixed delay: the next slot is due 1 s after the last run ended, whichever instance ran it
                assertThat(ofTask.get(i).started()).as(task + ": runs never overlap").isAfterOrEqualTo(ofTask.get(i - 1).ended());
                assertThat(ofTask.get(i).slot()).isAfterOrEqualTo(ofTask.get(i - 1).ended().plusSeconds(1).minusMillis(1));
            }
        }
        // December's fee in arrears: 1000 cents for the full month, billed once however many ticks ran
        JsonNode invoices = api.get("/api/v1/invoices?external_customer_id=acme").body().get("invoices");
        assertThat(invoices.size()).isEqualTo(1);
        assertThat(invoices.get(0).get("fees_amount_cents").longValue()).isEqualTo(1000);
        assertThat(invoices.get(0).get("issuing_date").stringValue()).isEqualTo("2000-01-01");
        // the wallet expired on 20 December: the expiry tick terminated it
        assertThat(api.get("/api/v1/wallets/" + wallet).body().get("wallet").get("status").stringValue()).isEqualTo("terminated");
    }

    private List<Run> runsOf(String task) {
        return runs.stream().filter(run -> run.task().equals(task)).sorted(Comparator.comparing(Run::started)).toList();
    }

    private long succeededTasks() {
        return jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE last_success IS NOT NULL").query(Long.class).single();
    }

    private double secondsFromLastSuccessToNextRun(String task) {
        return jdbc.sql("SELECT extract(epoch FROM execution_time - last_success) FROM scheduled_tasks WHERE task_name = ?")
                .param(task).query(Double.class).single();
    }

    private ConfigurableApplicationContext start(String name) {
        return start(name, Map.of());
    }

    /** Another instance on the test database: db-scheduler on, the other jobs (webhook worker) off, fast polling. */
    private ConfigurableApplicationContext start(String name, Map<String, String> properties) {
        ExecutionInterceptor recorder = (instance, context, chain) -> {
            Instant started = Instant.now();
            try {
                return chain.proceed(instance, context);
            } finally {
                runs.add(new Run(instance.getTaskName(), context.getExecution().executionTime, name, started, Instant.now()));
            }
        };
        List<String> arguments = new ArrayList<>(List.of("--fjord.jobs.enabled=false", "--db-scheduler.enabled=true",
                "--db-scheduler.polling-interval=PT0.2S"));
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return OtherInstance.start(database, beans -> {
            beans.registerBean("fixedClock", Clock.class, () -> Clock.fixed(INSTANCE_NOW, ZoneOffset.UTC),
                    definition -> definition.setPrimary(true));
            beans.registerBean("runRecorder", ExecutionInterceptor.class, () -> recorder);
        }, arguments);
    }

    private static void waitUntil(Duration atMost, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(atMost);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("still waiting after " + atMost).isBefore(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

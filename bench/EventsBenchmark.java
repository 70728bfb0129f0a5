import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;

/**
 * Ingestion throughput and current-usage latency of a running Fjord, beside a raw COPY baseline measured in the
 * same run on the same PostgreSQL. Run by bench/events.sh, which starts Fjord on a fresh database.
 *
 * Usage: java -cp postgresql.jar bench/EventsBenchmark.java <fjord url> <api key> <jdbc url> <user> <password> [batches]
 */
public class EventsBenchmark {
    static final int CLIENTS = 8;
    static final int BATCH = 100;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static String base;
    static String key;

    public static void main(String[] args) throws Exception {
        base = args[0];
        key = args[1];
        String jdbc = args[2];
        int batches = args.length > 5 ? Integer.parseInt(args[5]) : 1_000;
        String run = Long.toString(System.currentTimeMillis(), 36);
        long now = Instant.now().getEpochSecond();

        String metric = field(post("/api/v1/billable_metrics", "{\"billable_metric\": {\"name\": \"Calls\", \"code\": \"calls_" + run
                + "\", \"aggregation_type\": \"sum_agg\", \"field_name\": \"n\"}}"), "lago_id");
        post("/api/v1/plans", "{\"plan\": {\"name\": \"Bench\", \"code\": \"bench_" + run + "\", \"interval\": \"monthly\","
                + " \"amount_cents\": 0, \"amount_currency\": \"EUR\", \"charges\": [{\"billable_metric_id\": \"" + metric
                + "\", \"charge_model\": \"graduated\", \"properties\": {\"graduated_ranges\": [{\"from_value\": 0, \"to_value\": 1000,"
                + " \"per_unit_amount\": \"0.01\", \"flat_amount\": \"0\"}, {\"from_value\": 1000, \"to_value\": null,"
                + " \"per_unit_amount\": \"0.005\", \"flat_amount\": \"1\"}]}}]}}");
        post("/api/v1/customers", "{\"customer\": {\"external_id\": \"bench-" + run + "\"}}");
        // Started two minutes back, so the events (stamped a minute back) count; without subscription_at the
        // subscription starts now and every event is refused as before_subscription_start (runs before 2026-12-03).
        String startedAt = Instant.ofEpochSecond(now - 120).toString();
        for (String sub : List.of("warm", "ingest", "small", "large")) {
            post("/api/v1/subscriptions", "{\"subscription\": {\"external_id\": \"" + sub + "-" + run
                    + "\", \"external_customer_id\": \"bench-" + run + "\", \"plan_code\": \"bench_" + run
                    + "\", \"subscription_at\": \"" + startedAt + "\"}}");
        }

        // 1. Ingestion: `batches` batches of 100 events from 8 clients.
        List<String> bodies = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            bodies.add(batch("ingest-" + run, "calls_" + run, b, now, BATCH));
        }
        List<String> warmUp = new ArrayList<>();
        for (int b = 0; b < 50; b++) {
            warmUp.add(batch("warm-" + run, "calls_" + run, b, now, BATCH));
        }
        sendAll(warmUp, "warm");
        // CPU time of Fjord (FJORD_PID) and of the database's backends: unlike events/s, barely moved by other jobs
        // sharing the machine, so two builds compare even when the wall clock does not.
        Connection probe = DriverManager.getConnection(jdbc, args[3], args[4]);
        long[] cpu0 = cpuTicks(probe);
        long t0 = System.nanoTime();
        sendAll(bodies, "run");
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] cpu1 = cpuTicks(probe);
        probe.close();
        double fjordRate = (double) batches * BATCH / seconds;

        // 2. Baseline: the same rows COPYed into a bare table with the same unique key.
        double copyRate;
        try (Connection c = DriverManager.getConnection(jdbc, args[3], args[4]); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench_raw_events");
            st.execute("CREATE TABLE bench_raw_events (organization_id uuid, transaction_id text, external_subscription_id text,"
                    + " code text, timestamp timestamptz, properties jsonb, UNIQUE (organization_id, external_subscription_id, transaction_id))");
            StringBuilder rows = new StringBuilder();
            String org = UUID.randomUUID().toString();
            for (int b = 0; b < batches; b++) {
                for (int i = 0; i < BATCH; i++) {
                    rows.append(org).append('\t').append("run-").append(b).append('-').append(i).append("\tingest\tcalls\t")
                            .append(Instant.ofEpochSecond(now - 60)).append("\t{\"n\": 1}\n");
                }
            }
            long c0 = System.nanoTime();
            ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI()
                    .copyIn("COPY bench_raw_events FROM STDIN", new StringReader(rows.toString()));
            copyRate = (double) batches * BATCH / ((System.nanoTime() - c0) / 1e9);
            st.execute("DROP TABLE bench_raw_events");
        }

        // 3. Current usage latency: 10 events vs 10,000 events on a subscription.
        sendAll(List.of(batch("small-" + run, "calls_" + run, 0, now, 10)), "small");
        List<String> large = new ArrayList<>();
        for (int b = 0; b < 100; b++) {
            large.add(batch("large-" + run, "calls_" + run, b, now, BATCH));
        }
        sendAll(large, "large");
        String smallPath = "/api/v1/customers/bench-" + run + "/current_usage?external_subscription_id=small-" + run;
        String largePath = "/api/v1/customers/bench-" + run + "/current_usage?external_subscription_id=large-" + run;
        // Interleaved, so both see the same JIT state and the same background noise.
        double[][] both = latencies(smallPath, largePath, 500);
        both = latencies(smallPath, largePath, 2_000);
        double[] small = both[0];
        double[] large10k = both[1];

        String counted = field(get(largePath), "units");
        System.out.printf("events: %d in %.2f s with %d clients -> %.0f events/s%n", batches * BATCH, seconds, CLIENTS, fjordRate);
        if (cpu0[0] >= 0) {
            double perThousand = 1000.0 / (batches * BATCH) * 10; // 100 ticks a second: a tick is 10 ms
            System.out.printf("CPU per 1,000 events: Fjord %.1f ms, its PostgreSQL backends %.1f ms, together %.1f ms%n",
                    (cpu1[0] - cpu0[0]) * perThousand, (cpu1[1] - cpu0[1]) * perThousand,
                    (cpu1[0] - cpu0[0] + cpu1[1] - cpu0[1]) * perThousand);
        }
        System.out.printf("raw COPY of the same rows: %.0f events/s; Fjord / COPY = %.1f%%%n", copyRate, 100 * fjordRate / copyRate);
        System.out.printf("current_usage with 10 events:     p50 %.2f ms, p99 %.2f ms%n", small[0], small[1]);
        System.out.printf("current_usage with 10,000 events: p50 %.2f ms, p99 %.2f ms (ratio to 10 events: p50 %.2f, p99 %.2f)%n",
                large10k[0], large10k[1], large10k[0] / small[0], large10k[1] / small[1]);
        System.out.printf("units counted on the 10,000-event subscription: %s%n", counted);
    }

    /** {Fjord's, its backends'} user + system clock ticks from /proc; {-1, -1} without FJORD_PID. */
    static long[] cpuTicks(Connection c) throws Exception {
        String fjord = System.getenv("FJORD_PID");
        if (fjord == null) {
            return new long[] {-1, -1};
        }
        long backends = 0;
        try (Statement st = c.createStatement(); var rs = st.executeQuery(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            while (rs.next()) {
                backends += ticks(rs.getLong(1));
            }
        }
        return new long[] {ticks(Long.parseLong(fjord)), backends};
    }

    static long ticks(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
        } catch (java.io.IOException | RuntimeException gone) {
            return 0; // a backend that ended meanwhile
        }
    }

    static String batch(String subscription, String code, int b, long now, int size) {
        StringBuilder body = new StringBuilder("{\"events\": [");
        for (int i = 0; i < size; i++) {
            body.append(i == 0 ? "" : ",").append("{\"transaction_id\": \"").append(subscription).append('-').append(b)
                    .append('-').append(i).append("\", \"external_subscription_id\": \"").append(subscription)
                    .append("\", \"code\": \"").append(code).append("\", \"timestamp\": ").append(now - 60)
                    .append(", \"properties\": {\"n\": 1}}");
        }
        return body.append("]}").toString();
    }

    static void sendAll(List<String> bodies, String phase) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < CLIENTS; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    HttpResponse<String> r = send("/api/v1/events/batch", bodies.get(i));
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(phase + " batch " + i + ": " + r.statusCode() + " " + r.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
    }

    /** {{p50, p99} of a, {p50, p99} of b} in milliseconds over n alternating sequential reads of each. */
    static double[][] latencies(String a, String b, int n) throws Exception {
        double[][] ms = new double[2][n];
        for (int i = 0; i < n; i++) {
            ms[0][i] = timedGet(a);
            ms[1][i] = timedGet(b);
        }
        double[][] result = new double[2][];
        for (int k = 0; k < 2; k++) {
            Arrays.sort(ms[k]);
            result[k] = new double[] {ms[k][n / 2], ms[k][(int) Math.ceil(n * 0.99) - 1]};
        }
        return result;
    }

    static double timedGet(String path) throws Exception {
        long t = System.nanoTime();
        HttpResponse<String> r = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - t) / 1e6;
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + r.body());
        }
        return ms;
    }

    static String get(String path) throws Exception {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static String post(String path, String body) throws Exception {
        HttpResponse<String> r = send(path, body);
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static HttpResponse<String> send(String path, String body) throws Exception {
        return HTTP.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key);
    }

    static String field(String json, String name) {
        int i = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(i, json.indexOf('"', i));
    }
}

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spend-authorization latency at a fixed arrival rate while events are being ingested. Latency is measured from each
 * request's scheduled start (open loop), so a stall delays and counts every request behind it.
 *
 * Usage: java bench/SpendBenchmark.java <fjord url> <api key> [requests per second] [seconds] [events per second]
 */
public class SpendBenchmark {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static String base;
    static String key;

    public static void main(String[] args) throws Exception {
        base = args[0];
        key = args[1];
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int eventsPerSecond = args.length > 4 ? Integer.parseInt(args[4]) : 1_000;
        String run = Long.toString(System.currentTimeMillis(), 36);
        long now = Instant.now().getEpochSecond();

        String metric = field(post("/api/v1/billable_metrics", "{\"billable_metric\": {\"name\": \"Calls\", \"code\": \"calls_" + run
                + "\", \"aggregation_type\": \"count_agg\"}}"), "lago_id");
        post("/api/v1/plans", "{\"plan\": {\"name\": \"Spend\", \"code\": \"spend_" + run + "\", \"interval\": \"monthly\","
                + " \"amount_cents\": 0, \"amount_currency\": \"EUR\", \"charges\": [{\"billable_metric_id\": \"" + metric
                + "\", \"charge_model\": \"standard\", \"properties\": {\"amount\": \"0.001\"}}]}}");
        String customer = "spender-" + run;
        post("/api/v1/customers", "{\"customer\": {\"external_id\": \"" + customer + "\", \"currency\": \"EUR\"}}");
        post("/api/v1/subscriptions", "{\"subscription\": {\"external_id\": \"spend-" + run + "\", \"external_customer_id\": \""
                + customer + "\", \"plan_code\": \"spend_" + run + "\"}}");
        post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"" + customer + "\", \"rate_amount\": \"1\","
                + " \"currency\": \"EUR\", \"granted_credits\": \"1000\"}}");

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong ingested = new AtomicLong();
        ExecutorService ingest = Executors.newFixedThreadPool(2);
        long batchInterval = 2 * 1_000_000_000L * 100 / Math.max(1, eventsPerSecond); // 2 workers share the rate
        for (int w = 0; w < (eventsPerSecond > 0 ? 2 : 0); w++) {
            int worker = w;
            ingest.submit(() -> {
                long next = System.nanoTime();
                for (int b = 0; running.get(); b++) {
                    next += batchInterval;
                    long pause = next - System.nanoTime();
                    if (pause > 0) {
                        TimeUnit.NANOSECONDS.sleep(pause);
                    }
                    StringBuilder body = new StringBuilder("{\"events\": [");
                    for (int i = 0; i < 100; i++) {
                        body.append(i == 0 ? "" : ",").append("{\"transaction_id\": \"").append(worker).append('-').append(b)
                                .append('-').append(i).append("\", \"external_subscription_id\": \"spend-").append(run)
                                .append("\", \"code\": \"calls_").append(run).append("\", \"timestamp\": ").append(now - 60).append('}');
                    }
                    send("/api/v1/events/batch", body.append("]}").toString());
                    ingested.addAndGet(100);
                }
                return null;
            });
        }

        String path = "/api/v1/customers/" + customer + "/spend_authorization?amount_cents=100";
        for (int i = 0; i < 500; i++) {
            get(path); // warm-up
        }
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(32);
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        int total = rate * seconds;
        long ingestedBefore = ingested.get();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            clients.submit(() -> {
                get(path);
                latencies.add((System.nanoTime() - scheduled) / 1e6);
                return null;
            });
        }
        clients.shutdown();
        clients.awaitTermination(2, TimeUnit.MINUTES);
        double elapsed = (System.nanoTime() - start) / 1e9;
        running.set(false);
        ingest.shutdown();
        ingest.awaitTermination(1, TimeUnit.MINUTES);

        double[] ms = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("spend authorization: %d requests at %d req/s over %.1f s, with %.0f events/s ingested alongside%n",
                ms.length, rate, elapsed, (ingested.get() - ingestedBefore) / elapsed);
        System.out.printf("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                ms[ms.length / 2], ms[(int) (ms.length * 0.9)], ms[(int) Math.ceil(ms.length * 0.99) - 1], ms[ms.length - 1]);
    }

    static String get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + r.body());
        }
        return r.body();
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

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Spend-authorization latency at a fixed arrival rate while events are being ingested, next to a baseline measured in
 * the same run: {@code /actuator/health/liveness} (no database, no JSON input) at the same rate. The two alternate in
 * 5-second blocks, so both see the same neighbours on this shared machine. Latency is measured from each request's
 * scheduled start (open loop), so a stall delays and counts every request behind it. The load itself goes through a
 * few kept-alive sockets with hand-written HTTP/1.1 (the generator shares the CPU with Fjord and PostgreSQL, so it
 * must cost as little as possible); setup and ingestion use the JDK's HttpClient.
 *
 * Usage: java bench/SpendBenchmark.java <fjord url> <api key> [requests per second] [seconds per kind] [events per second]
 */
public class SpendBenchmark {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final int CONNECTIONS = 8;
    static final int BLOCK_SECONDS = 5;
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
        ExecutorService ingest = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task);
            thread.setDaemon(true); // a failed run ends the program
            return thread;
        });
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
                    HttpResponse<String> r = send("/api/v1/events/batch", body.append("]}").toString());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("ingestion: " + r.statusCode() + " " + r.body());
                    }
                    ingested.addAndGet(100);
                }
                return null;
            });
        }

        URI uri = URI.create(base);
        byte[][] requests = {
                request(uri, "/actuator/health/liveness"),
                request(uri, "/api/v1/customers/" + customer + "/spend_authorization?amount_cents=100")};
        byte[][] warmups = {
                request(uri, "/actuator/health/liveness?warmup=1"),
                request(uri, "/api/v1/customers/" + customer + "/spend_authorization?amount_cents=100&warmup=1")};
        Connection warm = new Connection(uri);
        for (int i = 0; i < 3_000; i++) {
            warm.exchange(warmups[i % 2]);
        }
        warm.close();

        int perKind = rate * seconds;
        long[][] latencies = {new long[perKind], new long[perKind]};
        AtomicInteger[] recorded = {new AtomicInteger(), new AtomicInteger()};
        BlockingQueue<long[]> queue = new ArrayBlockingQueue<>(2 * perKind);
        Thread[] workers = new Thread[CONNECTIONS];
        for (int c = 0; c < CONNECTIONS; c++) {
            Connection connection = new Connection(uri);
            workers[c] = new Thread(() -> {
                try {
                    for (long[] job = queue.take(); job[0] >= 0; job = queue.take()) {
                        int kind = (int) job[1];
                        connection.exchange(requests[kind]);
                        latencies[kind][recorded[kind].getAndIncrement()] = System.nanoTime() - job[0];
                    }
                    connection.close();
                } catch (Exception e) {
                    e.printStackTrace();
                    System.exit(1);
                }
            });
            workers[c].start();
        }
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long ingestedBefore = ingested.get();
        for (int i = 0; i < 2 * perKind; i++) {
            long scheduled = start + i * interval;
            for (long wait = scheduled - System.nanoTime(); wait > 0; wait = scheduled - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            int kind = (i / (rate * BLOCK_SECONDS)) % 2; // baseline block, then spend block, and so on
            queue.add(new long[] {scheduled, kind});
        }
        for (int c = 0; c < CONNECTIONS; c++) {
            queue.add(new long[] {-1, 0});
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        running.set(false);
        ingest.shutdown();
        ingest.awaitTermination(1, TimeUnit.MINUTES);

        System.out.printf("%d req/s for %.1f s, alternating %d-s blocks of baseline and spend authorization,"
                + " with %.0f events/s ingested alongside%n", rate, elapsed, BLOCK_SECONDS,
                (ingested.get() - ingestedBefore) / elapsed);
        double[] baseline = report("baseline /actuator/health/liveness", latencies[0], recorded[0].get());
        double[] spend = report("spend authorization", latencies[1], recorded[1].get());
        System.out.printf("client ratio spend / baseline: p50 %.2f, p99 %.2f%n", spend[0] / baseline[0], spend[1] / baseline[1]);
    }

    /** Prints the percentiles and answers {p50, p99} in ms. */
    static double[] report(String name, long[] nanos, int count) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        double p50 = at(sorted, 0.50);
        double p99 = at(sorted, 0.99);
        System.out.printf("client %-35s %d requests: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                name, count, p50, at(sorted, 0.90), p99, at(sorted, 0.999), sorted[count - 1] / 1e6);
        return new double[] {p50, p99};
    }

    static double at(long[] sorted, double quantile) {
        return sorted[(int) Math.ceil(sorted.length * quantile) - 1] / 1e6;
    }

    static byte[] request(URI uri, String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\nAuthorization: Bearer "
                + key + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * One kept-alive HTTP/1.1 connection: sends a GET, reads the whole answer (length-delimited or chunked), and opens
     * a new socket when the server closes this one (Tomcat does after max-keep-alive-requests, 100 by default).
     */
    static final class Connection {
        private final URI uri;
        private Socket socket;
        private OutputStream out;
        private InputStream in;

        Connection(URI uri) throws IOException {
            this.uri = uri;
            open();
        }

        private void open() throws IOException {
            socket = new Socket(uri.getHost(), uri.getPort());
            socket.setTcpNoDelay(true);
            out = new BufferedOutputStream(socket.getOutputStream());
            in = new BufferedInputStream(socket.getInputStream());
        }

        void exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String status = line();
            if (!status.startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException(status);
            }
            long length = -1;
            boolean chunked = false;
            boolean closing = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase();
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closing = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().strip(), 16); size > 0; size = Long.parseLong(line().strip(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else {
                skip(length);
            }
            if (closing) {
                socket.close();
                open();
            }
        }

        private String line() throws IOException {
            StringBuilder text = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    text.append((char) c);
                }
            }
            return text.toString();
        }

        private void skip(long bytes) throws IOException {
            for (long left = bytes; left > 0; left--) {
                if (in.read() < 0) {
                    throw new IOException("connection closed");
                }
            }
        }

        void close() throws IOException {
            socket.close();
        }
    }

    static String post(String path, String body) throws Exception {
        HttpResponse<String> r = send(path, body);
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static HttpResponse<String> send(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String field(String json, String name) {
        int i = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(i, json.indexOf('"', i));
    }
}

package dev.fjord.ui.internal;

import dev.fjord.wallet.BalancePoint;
import java.time.Instant;
import java.util.List;

/**
 * A wallet's balance over time as an SVG step line, drawn on the server (no chart script). Coordinates only: the
 * amounts come from the wallet module's ledger sums.
 */
public record BalanceChart(String points, String area, long maxCents, Instant from, Instant to, boolean empty) {
    static final int WIDTH = 640;
    static final int HEIGHT = 160;

    static BalanceChart of(List<BalancePoint> history) {
        if (history.isEmpty()) {
            return new BalanceChart("", "", 0, null, null, true);
        }
        Instant from = history.get(0).at();
        Instant to = history.get(history.size() - 1).at();
        long span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        long max = Math.max(1, history.stream().mapToLong(BalancePoint::balanceCents).max().orElse(1));
        StringBuilder line = new StringBuilder();
        double previousY = HEIGHT;
        for (BalancePoint point : history) {
            double x = history.size() == 1 ? 0 : WIDTH * (double) (point.at().toEpochMilli() - from.toEpochMilli()) / span;
            double y = HEIGHT - HEIGHT * (double) Math.max(0, point.balanceCents()) / max;
            line.append(format(x, previousY)).append(format(x, y));
            previousY = y;
        }
        line.append(format(WIDTH, previousY)); // the balance holds until now
        String points = line.toString().strip();
        String area = format(0, HEIGHT).strip() + " " + points + " " + format(WIDTH, HEIGHT).strip();
        return new BalanceChart(points, area, max, from, to, false);
    }

    private static String format(double x, double y) {
        return String.format(java.util.Locale.ROOT, " %.1f,%.1f", x, y);
    }
}

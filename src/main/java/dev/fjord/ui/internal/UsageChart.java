package dev.fjord.ui.internal;

import dev.fjord.metering.DailyEvents;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A subscription's events per day as SVG bars, drawn on the server like {@link BalanceChart} (no chart script), in
 * the same 640 × 160 frame. Coordinates only: the counts come from the metering module.
 */
public record UsageChart(List<Bar> bars, long maxEvents, LocalDate firstDay, LocalDate lastDay, boolean empty) {

    /** One day's bar; {@code label} is its tooltip. */
    public record Bar(String x, String y, String width, String height, String label) {}

    static UsageChart of(List<DailyEvents> days) {
        long max = days.stream().mapToLong(DailyEvents::events).max().orElse(0);
        if (max == 0) {
            return new UsageChart(List.of(), 0, null, null, true);
        }
        double slot = (double) BalanceChart.WIDTH / days.size();
        double width = Math.max(1, slot * 0.8); // a gap between bars
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            DailyEvents day = days.get(i);
            double height = BalanceChart.HEIGHT * (double) day.events() / max;
            bars.add(new Bar(number(i * slot), number(BalanceChart.HEIGHT - height), number(width), number(height),
                    day.day() + ": " + day.events() + (day.events() == 1 ? " event" : " events")));
        }
        return new UsageChart(bars, max, days.get(0).day(), days.get(days.size() - 1).day(), false);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}

package dev.fjord.ui.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** A select's options in the order written: each value sent, then the words shown (the {@code choice} fragment). */
final class Choices {
    private Choices() {}

    static Map<String, String> of(String... valueThenWords) {
        Map<String, String> choices = new LinkedHashMap<>();
        for (int i = 0; i < valueThenWords.length; i += 2) {
            choices.put(valueThenWords[i], valueThenWords[i + 1]);
        }
        return choices;
    }
}

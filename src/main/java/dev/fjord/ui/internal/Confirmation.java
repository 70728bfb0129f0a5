package dev.fjord.ui.internal;

import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;

/**
 * The page every destructive action goes through first (delete, remove, cancel): a question, what will happen in
 * plain words, a button that posts the action (with {@code fields}, what was typed before, as hidden inputs) and a way
 * back. Only the POST acts, so a link followed by mistake (or by a crawler) changes nothing.
 */
record Confirmation(String question, List<String> consequences, String action, String button, String back,
        Map<String, String> fields) {
    static final String VIEW = "confirm";

    /** A confirmation whose action needs nothing but its URL. */
    Confirmation(String question, List<String> consequences, String action, String button, String back) {
        this(question, consequences, action, button, back, Map.of());
    }

    /** Puts the confirmation on the model and names the template that shows it. */
    String show(Model model) {
        model.addAttribute("confirmation", this);
        return VIEW;
    }
}

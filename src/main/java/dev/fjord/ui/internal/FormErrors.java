package dev.fjord.ui.internal;

import dev.fjord.shared.BillingError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.ui.Model;

/**
 * A form's errors as the template shows them: messages per field name (the form's fields carry the API's names) and
 * general messages for the rest. Templates read {@code errors.of('field')} and {@code errors.general}.
 */
public final class FormErrors {
    /** The API's field for errors about the whole object (a limit, a combination): shown without a field label. */
    private static final String BASE = "base";

    private final Map<String, List<String>> byField = new LinkedHashMap<>();
    private final List<String> general = new ArrayList<>();
    private final List<String> fieldsShown;

    private FormErrors(List<String> fieldsShown) {
        this.fieldsShown = fieldsShown;
    }

    static FormErrors none() {
        return new FormErrors(List.of());
    }

    /**
     * Runs the facade call behind a form. A business error (422, or an action not allowed now) is put on the model as
     * {@code errors} and the result is empty, so the controller shows the form again; fields the form does not show
     * get their message at the top of the form.
     */
    static <T> Optional<T> attempt(Model model, List<String> fieldsShown, Supplier<T> action) {
        try {
            return Optional.of(action.get());
        } catch (BillingError error) {
            model.addAttribute("errors", of(error, fieldsShown));
            return Optional.empty();
        }
    }

    static FormErrors of(BillingError error, List<String> fieldsShown) {
        FormErrors errors = new FormErrors(fieldsShown);
        if (error.kind() == BillingError.Kind.VALIDATION && error.details() != null) {
            error.details().forEach((field, codes) -> ErrorMessages.codes(codes).forEach(code -> errors.add(field, code)));
        } else {
            errors.general.add(ErrorMessages.sentence(error));
        }
        return errors;
    }

    private void add(String field, String code) {
        if (BASE.equals(field)) {
            general.add(ErrorMessages.words(code));
        } else if (fieldsShown.contains(field)) {
            byField.computeIfAbsent(field, f -> new ArrayList<>()).add(ErrorMessages.words(code));
        } else {
            general.add(ErrorMessages.label(field) + ": " + ErrorMessages.words(code));
        }
    }

    public List<String> of(String field) {
        return byField.getOrDefault(field, List.of());
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public List<String> getGeneral() {
        return general;
    }

    public boolean isEmpty() {
        return byField.isEmpty() && general.isEmpty();
    }
}

package dev.fjord.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Lago list body: {@code {"<collection>": [...], "meta": {current_page, next_page, prev_page, total_pages, total_count}}}. */
public final class ListResponse {
    private ListResponse() {}

    public static Map<String, Object> of(String collection, List<?> items, PageRequest request, long totalCount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(collection, items);
        body.put("meta", meta(request, totalCount));
        return body;
    }

    /** An empty result has page 0 of 0, as Lago answers. */
    static Map<String, Object> meta(PageRequest request, long totalCount) {
        long totalPages = (totalCount + request.perPage() - 1) / request.perPage();
        boolean empty = totalCount == 0;
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("current_page", empty ? 0 : request.page());
        meta.put("next_page", !empty && request.page() < totalPages ? request.page() + 1 : null);
        meta.put("prev_page", !empty && request.page() > 1 ? request.page() - 1 : null);
        meta.put("total_pages", totalPages);
        meta.put("total_count", totalCount);
        return meta;
    }
}

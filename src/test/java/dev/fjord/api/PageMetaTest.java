package dev.fjord.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lago's pagination meta, computed without a database. */
class PageMetaTest {

    @Test
    void middlePageLinksBothWays() {
        // 250 rows at 100 per page: 3 pages (100 + 100 + 50); page 2 points to 1 and 3.
        assertThat(ListResponse.meta(new PageRequest(2, 100), 250)).isEqualTo(meta(2, 3, 1, 3, 250));
    }

    @Test
    void lastPageHasNoNext() {
        // 5 rows at 2 per page: ceil(5 / 2) = 3 pages; page 3 holds the fifth row only.
        assertThat(ListResponse.meta(new PageRequest(3, 2), 5)).isEqualTo(meta(3, null, 2, 3, 5));
    }

    @Test
    void emptyResultIsPageZeroOfZero() {
        assertThat(ListResponse.meta(new PageRequest(1, 100), 0)).isEqualTo(meta(0, null, null, 0, 0));
    }

    @Test
    void aPageBeyondTheEndKeepsItsNumberAndLinksBack() {
        // 10 rows at 100 per page is 1 page; asking for page 4 shows nothing, prev points to 3.
        assertThat(ListResponse.meta(new PageRequest(4, 100), 10)).isEqualTo(meta(4, null, 3, 1, 10));
    }

    private static Map<String, Object> meta(int current, Integer next, Integer prev, long pages, long count) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("current_page", current);
        meta.put("next_page", next);
        meta.put("prev_page", prev);
        meta.put("total_pages", pages);
        meta.put("total_count", count);
        return meta;
    }
}

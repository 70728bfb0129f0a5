package dev.fjord.ui.internal;

/** Which page of a list is shown; pages count from 1. */
public record Pagination(int page, int pageSize, long totalCount) {
    static final int PAGE_SIZE = 20;

    static Pagination of(Integer requested, long totalCount) {
        return new Pagination(requested == null || requested < 1 ? 1 : requested, PAGE_SIZE, totalCount);
    }

    long offset() {
        return (long) (page - 1) * pageSize;
    }

    public long totalPages() {
        return Math.max(1, (totalCount + pageSize - 1) / pageSize);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < totalPages();
    }
}

package dev.fjord.shared;

/** Every list or value a client can grow has a bound; these are the bounds and why. */
public final class Limits {
    private Limits() {}

    /** Lago's default page size; clients that never send per_page rely on it. */
    public static final int DEFAULT_PER_PAGE = 100;
    /** Lago enforces no maximum; Fjord caps pages so one request cannot load a whole table. */
    public static final int MAX_PER_PAGE = 1_000;
    /** Generous for any Lago request (a batch of 100 events is ~50 KiB); beyond it the body is rejected unread. */
    public static final int MAX_BODY_BYTES = 1_048_576;
    /** Short text fields (names, codes, address lines): Lago's documented 255 for names, applied to all. */
    public static final int MAX_TEXT_LENGTH = 255;
    /** Long text fields (URLs, invoice footer). */
    public static final int MAX_LONG_TEXT_LENGTH = 2_048;
    /** Customer metadata: Lago's limits on pairs per customer and on key/value length. */
    public static final int MAX_CUSTOMER_METADATA = 5;
    public static final int MAX_METADATA_KEY_LENGTH = 20;
    public static final int MAX_METADATA_VALUE_LENGTH = 100;
    /** Payment terms and grace periods in days: ten years is already absurd for an invoice. */
    public static final int MAX_DAYS = 3_650;
    /** Amounts in cents (add-ons, coupons): ten trillion units of any currency is beyond any real price. */
    public static final long MAX_AMOUNT_CENTS = 1_000_000_000_000_000L;
    /** Lists of codes in one request (tax_codes, plan_codes...): more than this is a client bug. */
    public static final int MAX_CODES_PER_REQUEST = 100;
}

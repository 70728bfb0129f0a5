package dev.fjord.customer;

import java.util.List;

/** Filters of the customer list; null or empty means "no filter". */
public record CustomerQuery(String searchTerm, List<String> currencies, List<String> countries,
        List<String> accountTypes, String customerType) {}

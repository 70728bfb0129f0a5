package dev.fjord.catalog;

import java.util.List;

public record TaxPage(List<Tax> taxes, long totalCount) {}

package dev.fjord.catalog;

import java.util.List;

public record AddOnPage(List<AddOn> addOns, long totalCount) {}

package dev.fjord.customer;

import java.util.List;

public record CustomerPage(List<Customer> customers, long totalCount) {}

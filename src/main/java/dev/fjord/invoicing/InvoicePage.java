package dev.fjord.invoicing;

import java.util.List;

public record InvoicePage(List<Invoice> invoices, long totalCount) {}

package dev.fjord.document.internal;

import dev.fjord.catalog.AddOn;
import dev.fjord.coupon.CouponCredit;
import dev.fjord.customer.Customer;
import dev.fjord.invoicing.AppliedTaxes;
import dev.fjord.invoicing.Invoice;
import dev.fjord.organization.Organization;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** An invoice laid out as {@link InvoiceSheet} and printed with the {@code invoice} template. */
@Component
public class InvoicePdf {
    private final PdfRenderer renderer;

    InvoicePdf(PdfRenderer renderer) {
        this.renderer = renderer;
    }

    public byte[] render(Invoice invoice, Organization issuer, Customer customer, AppliedTaxes taxes,
            List<CouponCredit> coupons, Map<UUID, AddOn> addOns) {
        return renderer.render("invoice", Map.of("sheet",
                InvoiceSheet.of(invoice, issuer, customer, taxes, coupons, addOns)));
    }
}

package dev.fjord.document.internal;

import dev.fjord.customer.Customer;
import dev.fjord.organization.Organization;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Who issues or receives an invoice, as printed: name, postal lines, email and legal identifiers when known. */
record Party(String name, String legalName, List<String> addressLines, String email, String legalNumber,
        String taxIdentificationNumber) {

    static Party of(Organization organization) {
        return new Party(organization.name(), differentFrom(organization.legalName(), organization.name()),
                address(organization.addressLine1(), organization.addressLine2(), organization.zipcode(),
                        organization.city(), organization.state(), organization.country()),
                organization.email(), organization.legalNumber(), organization.taxIdentificationNumber());
    }

    /** Lago's display name: the name, else first and last names, else the external id. */
    static Party of(Customer customer) {
        Customer.Address a = customer.address();
        String name = blank(customer.name())
                ? String.join(" ", Stream.of(customer.firstname(), customer.lastname()).filter(s -> !blank(s)).toList())
                : customer.name();
        return new Party(blank(name) ? customer.externalId() : name,
                differentFrom(customer.legalName(), name),
                a == null ? List.of() : address(a.addressLine1(), a.addressLine2(), a.zipcode(), a.city(), a.state(),
                        a.country()),
                customer.email(), customer.legalNumber(), customer.taxIdentificationNumber());
    }

    /** Street lines, then "zip city", then state, then the country's English name. */
    private static List<String> address(String line1, String line2, String zipcode, String city, String state,
            String country) {
        List<String> lines = new ArrayList<>();
        Stream.of(line1, line2).filter(s -> !blank(s)).forEach(lines::add);
        String town = String.join(" ", Stream.of(zipcode, city).filter(s -> !blank(s)).toList());
        Stream.of(town, state).filter(s -> !blank(s)).forEach(lines::add);
        if (!blank(country)) {
            String name = new Locale("", country).getDisplayCountry(Locale.ENGLISH);
            lines.add(blank(name) ? country : name);
        }
        return lines;
    }

    private static String differentFrom(String legalName, String name) {
        return blank(legalName) || legalName.equals(name) ? null : legalName;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

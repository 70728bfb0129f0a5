package dev.fjord.organization;

import dev.fjord.shared.OrganizationId;
import java.util.List;

/**
 * The taxes applied to an organization, as its {@code taxes} field shows them. The module that owns taxes provides
 * this (the organization module cannot depend on it: that module depends on organizations' neighbours).
 */
public interface AppliedTaxes {
    /** The taxes applied to the organization, each already in its JSON form. */
    List<?> of(OrganizationId organization);
}

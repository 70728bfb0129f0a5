package dev.fjord;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Module rules of ARCHITECTURE.md §3: a module's root package is its public face; everything under
 * {@code <module>/internal} is private to it, and modules form no cycles. Every later module inherits this check.
 */
class ModuleStructureTest {

    @Test
    void modulesOnlyUseEachOthersPublicFace() {
        ApplicationModules.of(FjordApplication.class).verify();
    }
}

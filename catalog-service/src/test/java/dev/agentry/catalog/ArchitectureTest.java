package dev.agentry.catalog;

import dev.agentry.common.testing.PackageCyclesContract;

/** No two packages of catalog-service import each other. */
class ArchitectureTest extends PackageCyclesContract {

    @Override
    protected String rootPackage() {
        return "dev.agentry.catalog";
    }
}

package dev.agentry.audit;

import dev.agentry.common.testing.PackageCyclesContract;

/** No two packages of audit-service import each other. */
class ArchitectureTest extends PackageCyclesContract {

    @Override
    protected String rootPackage() {
        return "dev.agentry.audit";
    }
}

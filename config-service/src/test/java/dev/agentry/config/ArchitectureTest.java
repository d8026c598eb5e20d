package dev.agentry.config;

import dev.agentry.common.testing.PackageCyclesContract;

/** No two packages of config-service import each other (directly or through a ring). */
class ArchitectureTest extends PackageCyclesContract {

    @Override
    protected String rootPackage() {
        return "dev.agentry.config";
    }
}

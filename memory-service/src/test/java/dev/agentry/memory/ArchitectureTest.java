package dev.agentry.memory;

import dev.agentry.common.testing.PackageCyclesContract;

/** One package per concern, no two of memory-service's packages importing each other. */
class ArchitectureTest extends PackageCyclesContract {

    @Override
    protected String rootPackage() {
        return "dev.agentry.memory";
    }
}

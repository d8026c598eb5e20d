package dev.agentry.conversation;

import dev.agentry.common.testing.PackageCyclesContract;

/** One package per concern, none importing another back. */
class ArchitectureTest extends PackageCyclesContract {

    @Override
    protected String rootPackage() {
        return "dev.agentry.conversation";
    }
}

package dev.agentry.profile;

import dev.agentry.common.testing.PackageCyclesContract;

/** No two packages of profile-service import each other (see docs/profile-service.md, "Packages"). */
class ArchitectureTest extends PackageCyclesContract {

    @Override
    protected String rootPackage() {
        return "dev.agentry.profile";
    }
}

package dev.agentry.common.testing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * One package per concern, and no two packages of a service import each other (directly or through
 * a ring): a package that others need goes down a layer. A service's {@code ArchitectureTest}
 * extends this and names its root package ({@code dev.agentry.config}).
 */
public abstract class PackageCyclesContract {

    /** The service's root package; every direct sub-package is one concern. */
    protected abstract String rootPackage();

    @Test
    void noTwoPackagesImportEachOther() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage());
        slices().matching(rootPackage() + ".(**)").should().beFreeOfCycles().check(classes);
    }
}
